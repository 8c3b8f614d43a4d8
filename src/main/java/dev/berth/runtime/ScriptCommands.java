package dev.berth.runtime;

import static dev.berth.source.DataResources.strings;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of commands a shell script runs in the foreground that are not servers, from
 * {@code berth/programs/script-commands.yaml} (each group cites its source): builtins and
 * utilities that change nothing berth follows, file tools whose changes berth does not follow, and
 * clients that run and exit. None of them listens; a command not listed is unknown here.
 */
public final class ScriptCommands {
  /** What running the command does, for berth. */
  public enum Effect {
    /** Not a process worth following and no file change: skipped. */
    INERT,
    /** Changes files at run time in ways berth does not follow. */
    CHANGES_FILES,
    /** Edits the files its operands name in place (sed -i): only their content changes. */
    EDITS_FILES,
    /** A client or one-shot program: a process that exits, never a listener. */
    RETURNS
  }

  private static final ScriptCommands STANDARD = load("/berth/programs/script-commands.yaml");

  private final Map<String, Effect> effects;
  private final Map<String, Edits> edits;
  private final Map<String, Idle> idles;

  /** How an {@code edits-files} command's options are read (see the catalog's header). */
  private record Edits(List<String> inPlace, List<String> scriptOptions, List<String> valueOptions) {}

  /** When a command runs until stopped: one of these options or arguments is given. */
  private record Idle(List<String> options, List<String> arguments) {}

  private ScriptCommands(Map<String, Effect> effects, Map<String, Edits> edits,
      Map<String, Idle> idles) {
    this.effects = Map.copyOf(effects);
    this.edits = Map.copyOf(edits);
    this.idles = Map.copyOf(idles);
  }

  public static ScriptCommands standard() {
    return STANDARD;
  }

  /** The effect of the command named {@code name} (a base name), when the catalog lists it. */
  public Optional<Effect> effect(String name) {
    return effect(name, List.of(name));
  }

  /**
   * {@code argv} only waits or prints ({@code sleep 60s}, {@code /bin/true}): inert in
   * script-commands.yaml. An empty command is not.
   */
  public boolean inert(List<String> argv) {
    if (argv.isEmpty() || argv.get(0).isEmpty()) return false;
    String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    return effect(name, argv).filter(e -> e == Effect.INERT).isPresent();
  }

  /**
   * The effect of {@code argv} (program first, {@code name} its base name): a group listing the
   * program with its first argument ({@code openssl req}) wins over one listing the program.
   */
  public Optional<Effect> effect(String name, List<String> argv) {
    if (!argv.isEmpty() && outsideSystemDirectories(argv.get(0))) return Optional.empty();
    if (argv.size() > 1) {
      Effect e = effects.get(name + " " + argv.get(1));
      if (e != null) return Optional.of(e);
    }
    return Optional.ofNullable(effects.get(name));
  }

  /** Where the listed commands live: a distribution's or a base image's bin directories. */
  private static final java.util.Set<String> SYSTEM_DIRECTORIES = java.util.Set.of("/bin",
      "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
      // distroless :debug images keep busybox and its applets in /busybox
      // (GoogleContainerTools/distroless README, "Debug Images": `--entrypoint=sh`, /busybox/sh)
      "/busybox");

  /**
   * A program given by a path outside the system bin directories is not the utility of its name:
   * traefik/whoami's ENTRYPOINT ["/whoami"] is its own HTTP server, built in the image, not
   * coreutils' whoami. A relative path ({@code ./run}) is the project's too.
   */
  private static boolean outsideSystemDirectories(String program) {
    int slash = program.lastIndexOf('/');
    if (slash < 0) return false;
    String dir = slash == 0 ? "/" : program.substring(0, slash);
    return !SYSTEM_DIRECTORIES.contains(dir);
  }

  /**
   * The files an {@code edits-files} command line ({@code sed -i 's/a/b/' conf}, the command's
   * base name first) edits in place, as written; none when it edits nothing (no in-place option:
   * it prints); empty when the command is not such a one. Short options may be clustered
   * ({@code -ni}, {@code -i.bak}: the rest of the cluster after an option taking a value or the
   * backup suffix is that value), as getopt reads them.
   */
  public Optional<List<String>> editedFiles(List<String> words) {
    Edits e = words.isEmpty() ? null : edits.get(words.get(0));
    if (e == null) return Optional.empty();
    boolean inPlace = false;
    boolean scriptGiven = false;
    List<String> operands = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--")) {
        operands.addAll(words.subList(i + 1, words.size()));
        break;
      }
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w : w.substring(0, eq);
        boolean script = e.scriptOptions().contains(name);
        inPlace |= e.inPlace().contains(name);
        scriptGiven |= script;
        if (eq < 0 && (script || e.valueOptions().contains(name))) i++;
      } else if (w.startsWith("-") && w.length() > 1) {
        for (int k = 1; k < w.length(); k++) {
          String opt = "-" + w.charAt(k);
          boolean script = e.scriptOptions().contains(opt);
          if (e.inPlace().contains(opt)) {
            inPlace = true;
            break;
          }
          if (script || e.valueOptions().contains(opt)) {
            scriptGiven |= script;
            if (k == w.length() - 1) i++;
            break;
          }
        }
      } else {
        operands.add(w);
      }
    }
    if (!inPlace) return Optional.of(List.of());
    return Optional.of(scriptGiven || operands.isEmpty() ? operands
        : operands.subList(1, operands.size()));
  }

  /** {@code argv} is listed: it returns and never listens. */
  public boolean notServer(String name, List<String> argv) {
    return effect(name, argv).isPresent();
  }

  /**
   * {@code argv} (program first) runs until it is stopped and does nothing else: {@code tail -f},
   * {@code sleep infinity}. A short option counts inside a bundle ({@code -qf}), a long one with
   * a value ({@code --follow=name}).
   */
  public boolean idles(String name, List<String> argv) {
    Idle idle = idles.get(name);
    if (idle == null) return false;
    for (String a : argv.subList(Math.min(1, argv.size()), argv.size())) {
      if (idle.arguments().contains(a)) return true;
      for (String o : idle.options()) {
        if (o.startsWith("--") ? a.equals(o) || a.startsWith(o + "=")
            : a.startsWith("-") && !a.startsWith("--") && a.indexOf(o.charAt(1), 1) > 0) {
          return true;
        }
      }
    }
    return false;
  }


  @SuppressWarnings("unchecked")
  private static ScriptCommands load(String resource) {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ScriptCommands.class, resource);
    Map<String, Effect> out = new HashMap<>();
    Map<String, Edits> edits = new HashMap<>();
    Map<String, Idle> idles = new HashMap<>();
    for (Object o : (List<Object>) doc.get("groups")) {
      Map<String, Object> g = (Map<String, Object>) o;
      if (String.valueOf(g.getOrDefault("source", "")).isBlank()) {
        throw new IllegalStateException(resource + ": a group without a source");
      }
      if ("idles".equals(g.get("effect"))) {
        Idle idle = new Idle(strings(g.get("with-option")), strings(g.get("with-argument")));
        if (idle.options().isEmpty() && idle.arguments().isEmpty()
            || idle.options().stream().anyMatch(x -> x.length() < 2 || !x.startsWith("-"))) {
          throw new IllegalStateException(resource + ": idles needs with-option or with-argument");
        }
        for (String n : strings(g.get("names"))) {
          if (idles.put(n, idle) != null) {
            throw new IllegalStateException(resource + ": " + n + " idles twice");
          }
        }
        continue;
      }
      Effect e = Effect.valueOf(String.valueOf(g.get("effect")).toUpperCase(java.util.Locale.ROOT)
          .replace('-', '_'));
      List<String> subcommands = strings(g.get("subcommands"));
      for (Object n : (List<Object>) g.get("names")) {
        for (String key : subcommands.isEmpty() ? List.of(String.valueOf(n))
            : subcommands.stream().map(sc -> n + " " + sc).toList()) {
          if (out.put(key, e) != null) {
            throw new IllegalStateException(resource + ": " + key + " listed twice");
          }
        }
        if (e == Effect.EDITS_FILES) {
          edits.put(String.valueOf(n), new Edits(strings(g.get("in-place")),
              strings(g.get("script-options")), strings(g.get("value-options"))));
        }
      }
    }
    return new ScriptCommands(out, edits, idles);
  }
}
