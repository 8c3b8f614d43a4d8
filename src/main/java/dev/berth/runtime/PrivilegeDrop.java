package dev.berth.runtime;

import java.util.regex.Pattern;

/**
 * Whether a shell script switches to another user before it starts its program: a line outside
 * comments runs {@code gosu}, {@code su-exec}, {@code runuser}, {@code chroot --userspec}, or
 * {@code setpriv} with a new uid or gid. Read line by line, so switches inside functions and
 * conditions (which the shell parser leaves unparsed) count too.
 */
final class PrivilegeDrop {
  private static final Pattern USER_SWITCH =
      Pattern.compile("\\b(gosu|su-exec|runuser|s6-setuidgid)\\s+\\S|\\bchroot\\s+--userspec");
  private static final Pattern SETPRIV = Pattern.compile("\\bsetpriv\\s");

  private PrivilegeDrop() {}

  static boolean in(String script) {
    for (String line : script.split("\n", -1)) {
      int hash = line.indexOf('#');
      String code = hash < 0 ? line : line.substring(0, hash);
      if (USER_SWITCH.matcher(code).find()) return true;
      if (SETPRIV.matcher(code).find() && (code.contains("--reuid") || code.contains("--regid"))) {
        return true;
      }
    }
    return false;
  }
}
