package dev.berth.runtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which word of an interpreter's command line names the code it runs: the script of
 * {@code python app.py} or {@code node dist/server.js}, the module of {@code python -m uvicorn}.
 * Options before it are skipped ({@code -X}/{@code -W} take a value); inline code ({@code -c},
 * {@code -e}) names no file.
 */
public final class Interpreters {
  private static final Pattern INTERPRETER =
      Pattern.compile("python[0-9.]*|node|nodejs|ruby|perl|php|bash|sh|dash|ash");
  private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");

  private Interpreters() {}

  /** Index of the script the interpreter at {@code i} runs (first non-option word), or -1. */
  public static int script(List<String> argv, int i) {
    if (!INTERPRETER.matcher(name(argv.get(i))).matches()) return -1;
    for (int j = i + 1; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.equals("-m") || a.equals("-c") || a.equals("-e") || a.equals("--eval")) return -1;
      if (a.equals("-X") || a.equals("-W")) {
        j++;
        continue;
      }
      if (a.startsWith("-")) continue;
      boolean looksLikeScript = a.contains("/") || a.endsWith(".py") || a.endsWith(".js")
          || a.endsWith(".sh");
      return looksLikeScript ? j : -1;
    }
    return -1;
  }

  /** Index of the module of {@code python -m module} at {@code i}, or -1. */
  public static int module(List<String> argv, int i) {
    if (!PYTHON.matcher(name(argv.get(i))).matches()) return -1;
    for (int j = i + 1; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.equals("-m")) return j + 1 < argv.size() ? j + 1 : -1;
      if (a.equals("-X") || a.equals("-W")) {
        j++;
        continue;
      }
      if (!a.startsWith("-") || a.equals("-c")) return -1;
    }
    return -1;
  }

  /** A program's base name ({@code /usr/bin/python3} is {@code python3}). */
  public static String name(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
