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

  private ScriptCommands(Map<String, Effect> effects) {
    this.effects = Map.copyOf(effects);
  }

  public static ScriptCommands standard() {
    return STANDARD;
  }

  /** The effect of the command named {@code name} (a base name), when the catalog lists it. */
  public Optional<Effect> effect(String name) {
    return Optional.ofNullable(effects.get(name));
  }

  /** {@code name} is listed: it returns and never listens. */
  public boolean notServer(String name) {
    return effects.containsKey(name);
  }

  @SuppressWarnings("unchecked")
  private static ScriptCommands load(String resource) {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ScriptCommands.class, resource);
    Map<String, Effect> out = new HashMap<>();
    for (Object o : (List<Object>) doc.get("groups")) {
      Map<String, Object> g = (Map<String, Object>) o;
      Effect e = Effect.valueOf(String.valueOf(g.get("effect")).toUpperCase(java.util.Locale.ROOT)
          .replace('-', '_'));
      if (String.valueOf(g.getOrDefault("source", "")).isBlank()) {
        throw new IllegalStateException(resource + ": a group without a source");
      }
      for (Object n : (List<Object>) g.get("names")) {
        if (out.put(String.valueOf(n), e) != null) {
          throw new IllegalStateException(resource + ": " + n + " listed twice");
        }
      }
    }
    return new ScriptCommands(out);
  }
}
