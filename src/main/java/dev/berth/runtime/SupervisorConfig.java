package dev.berth.runtime;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A supervisord configuration file as supervisord reads it (an ini file: {@code ;} comments at
 * line start or after whitespace, {@code key=value} or {@code key: value}): the
 * {@code [supervisord]} settings and each {@code [program:x]} with its command, user, directory
 * and environment. An {@code [include]} makes the list of programs incomplete.
 */
record SupervisorConfig(Map<String, String> supervisord, List<ProgramSection> programs,
    boolean complete) {

  /** One {@code [program:x]}: its keys, and where its command is written. */
  record ProgramSection(String name, Map<String, String> keys, Range commandAt) {
    Optional<String> get(String key) {
      return Optional.ofNullable(keys.get(key)).filter(v -> !v.isBlank());
    }
  }

  static SupervisorConfig parse(String text, Optional<SourceFile> file, Range fallback) {
    Map<String, String> main = new LinkedHashMap<>();
    List<ProgramSection> programs = new ArrayList<>();
    boolean complete = true;
    String section = "";
    Map<String, String> keys = null;
    Range commandAt = fallback;
    String program = null;
    int offset = 0;
    for (String line : text.split("\n", -1)) {
      int lineStart = offset;
      offset += line.length() + 1;
      String t = stripComment(line).strip();
      if (t.isEmpty()) continue;
      if (t.startsWith("[") && t.endsWith("]")) {
        if (program != null) programs.add(new ProgramSection(program, keys, commandAt));
        program = null;
        section = t.substring(1, t.length() - 1).strip();
        if (section.startsWith("program:")) {
          program = section.substring("program:".length());
          keys = new LinkedHashMap<>();
          commandAt = fallback;
        }
        if (section.equals("include")) complete = false;
        continue;
      }
      int eq = firstSeparator(t);
      if (eq < 0) continue;
      String key = t.substring(0, eq).strip();
      String value = t.substring(eq + 1).strip();
      if (program != null) {
        keys.put(key, value);
        if (key.equals("command") && file.isPresent()) {
          int col = line.indexOf(value);
          commandAt = file.get().range(lineStart + Math.max(0, col),
              lineStart + Math.max(0, col) + value.length());
        }
      } else if (section.equals("supervisord")) {
        main.put(key, value);
      }
    }
    if (program != null) programs.add(new ProgramSection(program, keys, commandAt));
    return new SupervisorConfig(main, programs, complete);
  }

  private static int firstSeparator(String t) {
    int eq = t.indexOf('=');
    int colon = t.indexOf(':');
    if (eq < 0) return colon;
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  /** supervisord's ini reader: {@code ;} starts a comment at line start or after whitespace. */
  private static String stripComment(String line) {
    if (line.stripLeading().startsWith(";") || line.stripLeading().startsWith("#")) return "";
    for (int i = 1; i < line.length(); i++) {
      if (line.charAt(i) == ';' && Character.isWhitespace(line.charAt(i - 1))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** {@code environment=A="1",B="2"}: the pairs whose values are plain. */
  static Map<String, String> environment(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      String v = pair.substring(eq + 1).strip();
      if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      out.put(pair.substring(0, eq).strip(), v);
    }
    return out;
  }
}
