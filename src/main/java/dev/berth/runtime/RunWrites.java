package dev.berth.runtime;

import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.shell.ShellScript;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.image.shell.VariableLookup;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text of a file a RUN writes whole, as {@code /bin/sh} would: {@code echo ... > FILE},
 * {@code printf 'FORMAT' > FILE} (then {@code >> FILE} to add lines), {@code cat > FILE <<'EOF'}
 * with a Dockerfile heredoc. Empty when the RUN does anything else to the file, or when the
 * text depends on what berth does not know: a variable it cannot resolve, an {@code echo}
 * whose backslashes dash and busybox treat differently, a printf conversion with arguments, an
 * unquoted heredoc that mentions {@code $} (the shell expands it).
 */
final class RunWrites {
  private static final Set<String> METADATA_ONLY = Set.of("chmod", "chown", "chgrp");

  private RunWrites() {}

  /**
   * @param workdir the RUN's working directory, for relative targets
   * @param vars the variables the RUN sees
   */
  static Optional<String> content(Instruction.Run r, String target, Optional<String> workdir,
      VariableLookup vars) {
    if (!(r.command() instanceof Command.ShellForm sf)) return Optional.empty();
    ShellScript script = ShellScript.parse(sf.script());
    if (!script.complete()) return Optional.empty();
    String name = target.substring(target.lastIndexOf('/') + 1);
    StringBuilder text = null;
    for (SimpleCommand c : script.commands()) {
      boolean mentions = c.words().stream().anyMatch(w -> w.raw().contains(name))
          || c.redirects().stream().anyMatch(rd -> rd.target().raw().contains(name));
      if (!mentions) continue;
      String cmd = c.name().orElse("");
      Optional<SimpleCommand.Redirect> out = c.redirects().stream()
          .filter(rd -> rd.operator().equals(">") || rd.operator().equals(">>")).findFirst();
      if (out.isEmpty() || c.piped() || c.conditional() || c.background()) {
        if (METADATA_ONLY.contains(cmd) && text != null) continue;
        return Optional.empty();
      }
      Optional<String> path = out.get().target().expand(vars);
      if (path.isEmpty()) return Optional.empty();
      String p = path.get();
      if (!p.startsWith("/")) {
        if (workdir.isEmpty()) return Optional.empty();
        p = ImageFilesystem.resolve(workdir.get(), p);
      }
      if (!ImageFilesystem.normalize(p).equals(target)) return Optional.empty();
      Optional<String> written = switch (cmd) {
        case "echo" -> echo(c.args(), vars);
        case "printf" -> printf(c.args(), vars);
        case "cat" -> heredoc(c, r.heredocs());
        default -> Optional.empty();
      };
      if (written.isEmpty()) return Optional.empty();
      if (out.get().operator().equals(">")) {
        text = new StringBuilder(written.get());
      } else if (text == null) {
        return Optional.empty(); // appends to what an earlier step wrote
      } else {
        text.append(written.get());
      }
    }
    return text == null ? Optional.empty() : Optional.of(text.toString());
  }

  private static Optional<String> echo(List<ShellWord> args, VariableLookup vars) {
    int i = 0;
    boolean newline = true;
    boolean escapes = false;
    while (i < args.size() && args.get(i).literal()
        && args.get(i).value().orElse("").matches("-[neE]+")) {
      String f = args.get(i).value().get();
      if (f.contains("n")) newline = false;
      if (f.contains("e")) escapes = true;
      i++;
    }
    StringBuilder sb = new StringBuilder();
    for (int k = i; k < args.size(); k++) {
      Optional<String> v = args.get(k).expand(vars);
      if (v.isEmpty()) return Optional.empty();
      if (k > i) sb.append(' ');
      sb.append(v.get());
    }
    String s = sb.toString();
    if (s.indexOf('\\') >= 0) {
      // dash's echo interprets backslashes, busybox's does not (without -e): which runs is unknown.
      if (!escapes) return Optional.empty();
      s = unescape(s).orElse(null);
      if (s == null) return Optional.empty();
    }
    return Optional.of(newline ? s + "\n" : s);
  }

  private static Optional<String> printf(List<ShellWord> args, VariableLookup vars) {
    if (args.isEmpty()) return Optional.empty();
    Optional<String> format = args.get(0).expand(vars);
    if (format.isEmpty()) return Optional.empty();
    String f = format.get();
    if (args.size() == 1) {
      if (f.replace("%%", "").contains("%")) return Optional.empty();
      return unescape(f.replace("%%", "%"));
    }
    // printf '%s\n' LINE...: the format repeats for each argument.
    if (!f.equals("%s\\n") && !f.equals("%s")) return Optional.empty();
    StringBuilder sb = new StringBuilder();
    for (ShellWord w : args.subList(1, args.size())) {
      Optional<String> v = w.expand(vars);
      if (v.isEmpty()) return Optional.empty();
      sb.append(v.get()).append(f.equals("%s") ? "" : "\n");
    }
    return Optional.of(sb.toString());
  }

  /** {@code cat <<'EOF'} reading a Dockerfile heredoc. */
  private static Optional<String> heredoc(SimpleCommand c, List<Heredoc> heredocs) {
    if (!c.args().isEmpty()) return Optional.empty();
    for (SimpleCommand.Redirect rd : c.redirects()) {
      if (!rd.operator().startsWith("<<")) continue;
      String delim = rd.target().value().orElse(rd.target().raw()).replaceAll("[\"']", "");
      for (Heredoc h : heredocs) {
        if (!h.delimiter().equals(delim)) continue;
        if (h.expand() && (h.body().contains("$") || h.body().contains("`")
            || h.body().contains("\\"))) {
          return Optional.empty();
        }
        return Optional.of(h.body());
      }
    }
    return Optional.empty();
  }

  /** printf's and {@code echo -e}'s backslash escapes; empty for ones berth does not model. */
  private static Optional<String> unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != '\\' || i + 1 == s.length()) {
        out.append(ch);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case '\\' -> out.append('\\');
        case '"' -> out.append('"');
        case '\'' -> out.append('\'');
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(out.toString());
  }
}
