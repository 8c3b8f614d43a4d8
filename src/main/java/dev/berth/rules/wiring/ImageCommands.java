package dev.berth.rules.wiring;

import dev.berth.compose.Located;
import dev.berth.compose.Mount;
import dev.berth.compose.Service;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.wiring.ProbeTools;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which commands an image built on a {@code probe-tools.yaml} base lacks for certain: the base
 * ships without them and nothing in the stages that built the image could have added them.
 * Shared by the rules about commands a container runs (healthchecks, ENTRYPOINT/CMD).
 */
final class ImageCommands {
  private ImageCommands() {}

  /** An image: its base's catalog row and the stages that built it (none for a pulled one). */
  record Image(String base, ProbeTools.Entry entry, Optional<Dockerfile> df, List<Stage> chain) {}

  private static final Set<String> PACKAGE_MANAGERS = Set.of("apt-get", "apt", "apk", "yum",
      "dnf", "microdnf", "zypper", "pacman", "conda", "mamba");
  private static final Set<String> SCRIPT_RUNNERS = Set.of("sh", "bash", "make", "source", ".");
  private static final Set<String> BIN_DIRS = Set.of("/bin", "/usr/bin", "/usr/local/bin",
      "/sbin", "/usr/sbin", "/usr/local/sbin");

  /**
   * The service may put the command into the container itself: its command or entrypoint names
   * it, or it mounts something over a bin directory or at a path naming it.
   */
  static boolean serviceMayProvide(Service s, String tool) {
    Pattern word = word(tool);
    for (Optional<Located<List<String>>> c : List.of(s.command(), s.entrypoint())) {
      if (c.isPresent() && word.matcher(String.join(" ", c.get().value())).find()) return true;
    }
    return mountMayProvide(s, tool);
  }

  private static Pattern word(String tool) {
    return Pattern.compile("(?<![\\w.-])" + Pattern.quote(tool) + "(?![\\w-])");
  }

  /**
   * True when any step of the build may have put the command into the image: it names the
   * command or a package that provides it ({@code postgresql-client} for {@code pg_isready}).
   */
  static boolean mentioned(Image image, String tool) {
    return mentioned(image.df(), image.chain(), tool);
  }

  /** As {@link #mentioned(Image, String)}, for the stages {@code chain} of {@code df}. */
  static boolean mentioned(Optional<Dockerfile> df, List<Stage> chain, String tool) {
    Pattern word = word(tool);
    Pattern pkg = Pattern.compile("(?<![\\w.-])(" + String.join("|", ProbeTools.standard()
        .providers(tool).stream().map(Pattern::quote).toList()) + ")");
    for (Stage st : chain) {
      for (Instruction i : st.instructions()) {
        String text = text(i);
        if (text.isEmpty()) continue;
        if (word.matcher(text).find() || pkg.matcher(text).find() || text.contains("busybox")) {
          return true;
        }
        if (i instanceof Instruction.Run) {
          if (opaqueRun(text)) return true;
        } else if (i instanceof Instruction.FileTransfer ft) {
          if (ft.from().isPresent() && df.flatMap(d -> d.stage(ft.from().get())).isEmpty()) {
            return true; // copied from another image: its contents are unknown
          }
          String dest = ft.destination().text().replaceAll("/+$", "");
          if (BIN_DIRS.stream().anyMatch(b -> b.startsWith(dest) || dest.startsWith(b))) {
            return true; // a copy into (or over) a bin directory
          }
        } else if (i instanceof Instruction.OnBuild) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when a RUN may install things berth cannot see: a package install whose arguments use a
   * variable, or a command that runs a script, {@code make} or a program by path. Split into
   * simple commands at ; & | and newlines, then read word by word (linear in the text).
   */
  static boolean opaqueRun(String text) {
    for (String segment : text.split("[;&|\n()]")) {
      String[] words = segment.strip().split("\\s+");
      int i = 0;
      while (i < words.length && (words[i].matches("[A-Za-z_][A-Za-z0-9_]*=\\S*")
          || Set.of("then", "do", "else", "exec", "sudo", "!").contains(words[i]))) {
        i++;
      }
      if (i >= words.length || words[i].isEmpty()) continue;
      String program = words[i];
      if (program.startsWith("/") || program.startsWith("./") || program.startsWith("../")
          || SCRIPT_RUNNERS.contains(program)) {
        return true;
      }
      if (PACKAGE_MANAGERS.contains(program) && segment.contains("$")) return true;
    }
    return false;
  }

  private static String text(Instruction i) {
    StringBuilder b = new StringBuilder();
    if (i instanceof Instruction.Run r) {
      if (r.command() instanceof Command.ShellForm sf) b.append(sf.script());
      if (r.command() instanceof Command.ExecForm ef) {
        ef.args().forEach(w -> b.append(w.text()).append(' '));
      }
      r.heredocs().forEach(h -> b.append('\n').append(h.body()));
    } else if (i instanceof Instruction.FileTransfer ft) {
      ft.sources().forEach(w -> b.append(w.text()).append(' '));
      b.append(ft.destination().text());
      ft.heredocs().stream().map(Heredoc::body).forEach(x -> b.append('\n').append(x));
    }
    return b.toString();
  }

  /** The stage, its parent stages, and the catalog row of the image at the bottom. */
  static Optional<Image> chainImage(Dockerfile df, Stage stage) {
    List<Stage> chain = chain(df, stage);
    Word base = chain.get(chain.size() - 1).from().image();
    return ProbeTools.standard().lookup(base.text())
        .map(e -> new Image(base.text(), e, Optional.of(df), chain));
  }

  /** The stage and the stages of {@code df} it is built on, the one FROM an image last. */
  static List<Stage> chain(Dockerfile df, Stage stage) {
    return df.lineage(stage);
  }

  /** A bind mount over a bin directory or at a path naming the command. */
  static boolean mountMayProvide(Service s, String tool) {
    Pattern word = word(tool);
    for (Mount m : s.volumes()) {
      String target = m.target().value();
      if (word.matcher(target).find() || BIN_DIRS.stream().anyMatch(target::startsWith)) {
        return true;
      }
    }
    return false;
  }
}
