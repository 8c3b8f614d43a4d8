package dev.berth.runtime;

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

  /** How an {@code edits-files} command's options are read (see the catalog's header). */
  private record Edits(List<String> inPlace, List<String> scriptOptions, List<String> valueOptions) {}

  private ScriptCommands(Map<String, Effect> effects, Map<String, Edits> edits) {
    this.effects = Map.copyOf(effects);
    this.edits = Map.copyOf(edits);
  }

  public static ScriptCommands standard() {
    return STANDARD;
  }

  /** The effect of the command named {@code name} (a base name), when the catalog lists it. */
  public Optional<Effect> effect(String name) {
    return Optional.ofNullable(effects.get(name));
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

  /** {@code name} is listed: it returns and never listens. */
  public boolean notServer(String name) {
    return effects.containsKey(name);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o != null) for (Object x : (List<Object>) o) out.add(String.valueOf(x));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static ScriptCommands load(String resource) {
    Map<String, Object> doc = (Map<String, Object>) DataResources.tree(ScriptCommands.class, resource);
    Map<String, Effect> out = new HashMap<>();
    Map<String, Edits> edits = new HashMap<>();
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
        if (e == Effect.EDITS_FILES) {
          edits.put(String.valueOf(n), new Edits(strings(g.get("in-place")),
              strings(g.get("script-options")), strings(g.get("value-options"))));
        }
      }
    }
    return new ScriptCommands(out, edits);
  }
}
