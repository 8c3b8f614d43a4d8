package dev.berth.compose;

import dev.berth.source.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a project's interpolation variables come from, as far as berth can see them.
 *
 * @param dotEnv root-relative path of the {@code .env} Compose reads for the project; empty when
 *     {@code --env-file} replaces it
 * @param dotEnvState whether that file is there
 * @param envFiles the {@code --env-file} files used instead of {@code .env}
 * @param processEnvironment whether the process environment took part
 * @param template when {@code .env} is absent: the committed template the setup copies to it
 *     ({@link EnvTemplates}) and the variables it defines
 * @param setByScripts variables the repository's scripts set in the environment of the
 *     {@code docker compose} commands that run the project (their values may be unknown);
 *     {@link ComposeInvocation#UNKNOWN_NAME} when they also set variables berth cannot read
 * @param documented unset variables a comment line of the project's compose files documents as
 *     an input to set ({@code # - SHAARLI_DOCKER_TAG  Shaarli docker tag to use}), each with the
 *     first such line ({@link DocumentedVariables}); compose itself never reads comments
 */
public record VariableSources(Optional<String> dotEnv, DotEnv dotEnvState, List<String> envFiles,
    boolean processEnvironment, Optional<Template> template, Set<String> setByScripts,
    Map<String, Range> documented) {

  public enum DotEnv {
    PRESENT,
    ABSENT,
    /**
     * A link whose target is missing (mailcow.conf), or the one --env-file the repository's
     * commands pass that is missing: their setup or CI job generates it, with unknown content.
     */
    LINK_TO_MISSING,
    /** {@code --env-file} was given: Compose does not read {@code .env}. */
    NOT_READ,
    /** The repository deploys it with {@code docker stack deploy}, which reads no env file. */
    STACK_DEPLOY
  }

  /** A template file and the variables it sets, each at its line. */
  public record Template(String path, Map<String, Range> variables) {
    public Template {
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
  }

  public VariableSources {
    envFiles = List.copyOf(envFiles);
    setByScripts = Set.copyOf(setByScripts);
    documented = Collections.unmodifiableMap(new LinkedHashMap<>(documented));
  }

  public VariableSources(Optional<String> dotEnv, DotEnv dotEnvState, List<String> envFiles,
      boolean processEnvironment, Optional<Template> template, Set<String> setByScripts) {
    this(dotEnv, dotEnvState, envFiles, processEnvironment, template, setByScripts, Map.of());
  }

  /** The comment line that documents this variable as an input, if one does. */
  public Optional<Range> documentedAt(String name) {
    return Optional.ofNullable(documented.get(name));
  }

  /** The same sources, with the comment lines that document variables. */
  public VariableSources withDocumented(Map<String, Range> lines) {
    return new VariableSources(dotEnv, dotEnvState, envFiles, processEnvironment, template,
        setByScripts, lines);
  }

  /** The same sources, without a template. */
  public VariableSources withoutTemplate() {
    return new VariableSources(dotEnv, dotEnvState, envFiles, processEnvironment,
        Optional.empty(), setByScripts, documented);
  }

  /** Whether the repository's scripts set this variable (or set ones berth cannot read). */
  public boolean setByScripts(String name) {
    return setByScripts.contains(name) || setByScripts.contains(ComposeInvocation.UNKNOWN_NAME);
  }

  public VariableSources(Optional<String> dotEnv, DotEnv dotEnvState, List<String> envFiles,
      boolean processEnvironment, Optional<Template> template) {
    this(dotEnv, dotEnvState, envFiles, processEnvironment, template, Set.of());
  }
}
