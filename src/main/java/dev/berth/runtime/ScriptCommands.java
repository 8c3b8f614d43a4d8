package dev.berth.runtime;

import dev.berth.source.DataResources;
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
    /** A client or one-shot program: a process that exits, never a listener. */
    RETURNS
  }

  private static final ScriptCommands STANDARD = load("/berth/programs/script-commands.yaml");

  private final Map<String, Effect> effects;
  private final Map<String, Idle> idles;

  /** When a command runs until stopped: one of these options or arguments is given. */
  private record Idle(List<String> options, List<String> arguments) {}

  private ScriptCommands(Map<String, Effect> effects, Map<String, Idle> idles) {
    this.effects = Map.copyOf(effects);
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
   * The effect of {@code argv} (program first, {@code name} its base name): a group listing the
   * program with its first argument ({@code openssl req}) wins over one listing the program.
   */
  public Optional<Effect> effect(String name, List<String> argv) {
    if (argv.size() > 1) {
      Effect e = effects.get(name + " " + argv.get(1));
      if (e != null) return Optional.of(e);
    }
    return Optional.ofNullable(effects.get(name));
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
      }
    }
    return new ScriptCommands(out, idles);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return o == null ? List.of() : ((List<Object>) o).stream().map(String::valueOf).toList();
  }
}
