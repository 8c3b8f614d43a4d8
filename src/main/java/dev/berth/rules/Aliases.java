package dev.berth.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which tool an alias of a berth rule belongs to, and which berth rules an id of another tool
 * maps to. hadolint codes are {@code DLnnnn} and ShellCheck's {@code SCnnnn}; BuildKit's check
 * names come from the catalog {@code berth/interop/buildkit-checks.txt} (with their source).
 */
public final class Aliases {
  public enum Tool {
    /** hadolint's DL codes and the ShellCheck SC codes hadolint reports. */
    HADOLINT,
    /** BuildKit's build checks ({@code docker build --check}). */
    BUILDKIT,
    /** Anything else, such as dclint rule names. */
    OTHER
  }

  private static final Pattern HADOLINT = Pattern.compile("(DL|SC)\\d{4}");
  /** BuildKit check name → experimental. */
  private static final Map<String, Boolean> BUILDKIT = load();

  private Aliases() {}

  public static Tool tool(String alias) {
    if (HADOLINT.matcher(alias).matches()) return Tool.HADOLINT;
    if (BUILDKIT.containsKey(alias)) return Tool.BUILDKIT;
    return Tool.OTHER;
  }

  /** Every BuildKit check name, in BuildKit's order. */
  public static List<String> buildkitChecks() {
    return List.copyOf(BUILDKIT.keySet());
  }

  /** Whether BuildKit runs the check only when a Dockerfile asks for it. */
  public static boolean experimental(String buildkitCheck) {
    return BUILDKIT.getOrDefault(buildkitCheck, false);
  }

  /** The aliases of {@code rule} that belong to {@code tool}. */
  public static List<String> of(RuleInfo rule, Tool tool) {
    return rule.aliases().stream().filter(a -> tool(a) == tool).toList();
  }

  /**
   * The rules an id names: its own id or kebab name, else every rule carrying it as an alias
   * (hadolint codes compared case-insensitively, as hadolint's pragmas are written either way).
   */
  public static List<RuleInfo> resolve(String id, List<RuleInfo> rules) {
    String wanted = id.strip();
    List<RuleInfo> direct = rules.stream()
        .filter(r -> r.id().equalsIgnoreCase(wanted) || r.name().equals(wanted)).toList();
    if (!direct.isEmpty()) return direct;
    List<RuleInfo> out = new ArrayList<>();
    for (RuleInfo r : rules) {
      if (r.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted))) out.add(r);
    }
    return out;
  }

  private static Map<String, Boolean> load() {
    Map<String, Boolean> m = new LinkedHashMap<>();
    try (InputStream in = Aliases.class.getResourceAsStream("/berth/interop/buildkit-checks.txt")) {
      if (in == null) throw new IllegalStateException("buildkit-checks.txt missing from the jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) continue;
        String[] parts = t.split("\\s+");
        m.put(parts[0], parts.length > 1 && parts[1].equals("experimental"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
