package dev.berth.image;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/** chmod mode arguments: octal ({@code 0755}) and symbolic ({@code u+x,go-w,a=rX}). */
public final class Modes {
  private Modes() {}

  /**
   * The change a mode argument makes, as (old mode, is directory) → new mode; empty when the
   * argument is not a valid mode. An unknown old mode gives an unknown result unless the argument
   * sets every class outright.
   */
  public static Optional<BiFunction<OptionalInt, Boolean, OptionalInt>> parse(String arg) {
    if (arg.matches("[0-7]{1,4}")) {
      int m = Integer.parseInt(arg, 8);
      return Optional.of((old, dir) -> OptionalInt.of(m));
    }
    String[] clauses = arg.split(",", -1);
    for (String c : clauses) {
      // a real clause is short; the bound keeps the regex's group loop shallow
      if (c.length() > 64 || !c.matches("[ugoa]*([-+=][rwxXst]*)+")) return Optional.empty();
    }
    return Optional.of((old, dir) -> apply(clauses, old, dir));
  }

  private static OptionalInt apply(String[] clauses, OptionalInt old, boolean dir) {
    int mode = old.orElse(0);
    int setMask = 0; // permission classes assigned outright with '='
    for (String c : clauses) {
      int i = 0;
      int who = 0;
      while (i < c.length() && "ugoa".indexOf(c.charAt(i)) >= 0) {
        switch (c.charAt(i)) {
          case 'u' -> who |= 04700;
          case 'g' -> who |= 02070;
          case 'o' -> who |= 01007;
          default -> who |= 07777;
        }
        i++;
      }
      // No class given: all classes (the umask nuance of chmod +w does not matter for 022).
      if (who == 0) who = 07777;
      while (i < c.length()) {
        char op = c.charAt(i++);
        int bits = 0;
        while (i < c.length() && "-+=".indexOf(c.charAt(i)) < 0) {
          switch (c.charAt(i)) {
            case 'r' -> bits |= 0444;
            case 'w' -> bits |= 0222;
            case 'x' -> bits |= 0111;
            case 'X' -> {
              if (dir || (old.isPresent() && (old.getAsInt() & 0111) != 0)) {
                bits |= 0111;
              } else if (old.isEmpty()) {
                return OptionalInt.empty();
              }
            }
            case 's' -> bits |= 06000;
            case 't' -> bits |= 01000;
            default -> { }
          }
          i++;
        }
        bits &= who;
        switch (op) {
          case '+' -> mode |= bits;
          case '-' -> mode &= ~bits;
          default -> {
            mode = (mode & ~who) | bits;
            setMask |= who & 0777;
          }
        }
      }
    }
    if (old.isEmpty() && (setMask & 0777) != 0777) return OptionalInt.empty();
    return OptionalInt.of(mode);
  }
}
