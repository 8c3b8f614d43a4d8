package dev.berth.compose;

import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to load Compose projects.
 *
 * @param useProcessEnvironment let {@code environment} take part in interpolation (off by default
 *     so results do not depend on the shell berth runs in)
 * @param environment the process environment, used only when {@code useProcessEnvironment}
 * @param envFiles root-relative {@code --env-file} files; when non-empty they replace each
 *     top-level project's {@code .env}
 * @param groups compose file groups declared in {@code .berth.yaml} or with {@code -f}
 * @param attachFragments load a lone compose file that cannot run by itself (a service with
 *     neither image nor build) on top of its directory's default files instead of alone
 * @param invocations how the repository's own scripts run compose: the file sets they layer
 *     become projects, and their env files, exported variables and project names apply to them
 * @param onlyGroups the groups are the whole set ({@code -f} on the command line, as
 *     {@code docker compose -f} reads no other file): compose files found by walking are not
 *     projects
 * @param unsaved a compose file's text read from standard input (an editor's unsaved buffer):
 *     read instead of the file at its path, which need not exist on disk
 * @param copies files the repository's scripts make by copying or linking another
 *     ({@code ln -sf common.env .env}, {@code cp .env.docker .env}): root-relative made path to
 *     root-relative source, so a missing {@code .env} a script makes is read from its source
 */
public record ComposeOptions(boolean useProcessEnvironment, Map<String, String> environment,
    List<String> envFiles, List<List<String>> groups, boolean attachFragments,
    boolean onlyGroups, List<ComposeInvocation> invocations, Optional<SourceFile> unsaved,
    Map<String, String> copies) {

  public ComposeOptions {
    environment = Map.copyOf(environment);
    envFiles = List.copyOf(envFiles);
    groups = groups.stream().map(List::copyOf).toList();
    invocations = List.copyOf(invocations);
    copies = Map.copyOf(copies);
  }

  public static ComposeOptions defaults() {
    return new ComposeOptions(false, Map.of(), List.of(), List.of(), true, false, List.of(),
        Optional.empty(), Map.of());
  }

  public ComposeOptions withGroups(List<List<String>> g) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, g, attachFragments,
        onlyGroups, invocations, unsaved, copies);
  }

  public ComposeOptions withEnvFiles(List<String> files) {
    return new ComposeOptions(useProcessEnvironment, environment, files, groups, attachFragments,
        onlyGroups, invocations, unsaved, copies);
  }

  public ComposeOptions withProcessEnvironment(Map<String, String> env) {
    return new ComposeOptions(true, env, envFiles, groups, attachFragments, onlyGroups,
        invocations, unsaved, copies);
  }

  /** Exactly these groups, nothing discovered (what {@code -f} means). */
  public ComposeOptions withOnlyGroups(List<List<String>> g) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, g, attachFragments,
        true, invocations, unsaved, copies);
  }

  public ComposeOptions withAttachFragments(boolean attach) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, groups, attach,
        onlyGroups, invocations, unsaved, copies);
  }

  public ComposeOptions withInvocations(List<ComposeInvocation> runs) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, groups,
        attachFragments, onlyGroups, runs, unsaved, copies);
  }

  public ComposeOptions withCopies(Map<String, String> made) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, groups,
        attachFragments, onlyGroups, invocations, unsaved, made);
  }

  public ComposeOptions withUnsaved(SourceFile text) {
    return new ComposeOptions(useProcessEnvironment, environment, envFiles, groups,
        attachFragments, onlyGroups, invocations, Optional.of(text), copies);
  }
}
