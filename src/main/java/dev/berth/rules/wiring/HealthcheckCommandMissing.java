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
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import dev.berth.wiring.ProbeTools;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A healthcheck (compose {@code healthcheck.test} or a Dockerfile HEALTHCHECK) whose first command
 * is one the image is known not to have: {@code curl} in {@code python:*-slim}, a shell in
 * distroless. The probe then exits 127 every time, the container never becomes healthy and every
 * {@code depends_on: condition: service_healthy} on it fails.
 *
 * <p>Known only when the base image is listed in {@code probe-tools.yaml} and nothing in the
 * stages the image is built from could have added the command: a RUN, COPY or ADD that names it,
 * a package install with a variable in it, a script or {@code make} run, a COPY from another
 * image, and compose bind mounts over bin directories or a command that names it all make the
 * rule silent.
 */
@RuleMeta(id = "BTH710",
    summary = "healthcheck runs a command the image does not have",
    severity = Severity.ERROR, category = Category.BUG)
public final class HealthcheckCommandMissing implements ProjectRule {

  /** The image a healthcheck runs in: its catalog row and the stages that built it. */
  private record Image(String base, ProbeTools.Entry entry, Optional<Dockerfile> df,
      List<Stage> chain) {}

  private static final Set<String> PACKAGE_MANAGERS = Set.of("apt-get", "apt", "apk", "yum",
      "dnf", "microdnf", "zypper", "pacman", "conda", "mamba");
  private static final Set<String> SCRIPT_RUNNERS = Set.of("sh", "bash", "make", "source", ".");
  private static final Set<String> BIN_DIRS = Set.of("/bin", "/usr/bin", "/usr/local/bin",
      "/sbin", "/usr/sbin", "/usr/local/sbin");

  @Override
  public void check(Project project, RuleContext ctx) {
    for (HealthProbes.Probe probe : HealthProbes.all(project)) {
      Optional<Image> image = probe.service().isPresent() && probe.service().get().build().isEmpty()
          ? probe.service().get().image().map(Located::value).flatMap(ref -> ProbeTools.standard()
              .lookup(ref).map(e -> new Image(ref, e, Optional.empty(), List.of())))
          : probe.stage().flatMap(st -> chainImage(probe.dockerfile().get(), st));
      if (image.isEmpty()) continue;
      boolean ownShell = image.get().chain().stream()
          .anyMatch(st -> !st.all(Instruction.Shell.class).isEmpty());
      Optional<String> tool = missing(probe.test(), image.get(), ownShell);
      if (tool.isEmpty() || probe.service().map(s -> serviceMayProvide(s, tool.get())).orElse(false)) {
        continue;
      }
      report(ctx, probe.at(), probe.who(), tool.get(), image.get());
    }
  }

  private static void report(RuleContext ctx, Range at, String who, String tool, Image image) {
    String what = tool.equals("sh")
        ? "runs its healthcheck through /bin/sh (CMD-SHELL), but the image has no shell"
        : "runs '" + tool + "' in its healthcheck, but the image does not have it";
    RuleContext.Report r = ctx.report(at, who + " " + what + ": '" + image.base()
        + "' ships without it (" + image.entry().source() + ") and the build installs nothing"
        + " that provides it; the probe fails every time, so the container never becomes healthy");
    image.chain().stream().filter(st -> st.from().image().text().equals(image.base()))
        .findFirst().ifPresent(st -> r.related(st.from().image().range(),
            "image built from '" + image.base() + "' here"));
  }

  /** The command the probe needs and the image lacks, if known. */
  private static Optional<String> missing(List<String> test, Image image, boolean ownShell) {
    if (test.size() < 2) return Optional.empty();
    Set<String> absent = image.entry().absent();
    if (test.get(0).equals("CMD-SHELL") && absent.contains("sh") && !ownShell
        && !mentioned(image, "sh")) {
      return Optional.of("sh");
    }
    Optional<List<String>> command = HealthProbes.command(test);
    if (command.isEmpty() || command.get().isEmpty() || command.get().get(0).contains("$")) {
      return Optional.empty();
    }
    String name = HealthProbes.basename(command.get().get(0));
    if (!absent.contains(name) || name.equals("sh") || mentioned(image, name)) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static boolean serviceMayProvide(Service s, String tool) {
    Pattern word = word(tool);
    for (Optional<Located<List<String>>> c : List.of(s.command(), s.entrypoint())) {
      if (c.isPresent() && word.matcher(String.join(" ", c.get().value())).find()) return true;
    }
    for (Mount m : s.volumes()) {
      String target = m.target().value();
      if (word.matcher(target).find() || BIN_DIRS.stream().anyMatch(target::startsWith)) {
        return true;
      }
    }
    return false;
  }

  private static Pattern word(String tool) {
    return Pattern.compile("(?<![\\w.-])" + Pattern.quote(tool) + "(?![\\w-])");
  }

  /**
   * True when any step of the build may have put the command into the image: it names the
   * command or a package that provides it ({@code postgresql-client} for {@code pg_isready}).
   */
  private static boolean mentioned(Image image, String tool) {
    Pattern word = word(tool);
    Pattern pkg = Pattern.compile("(?<![\\w.-])(" + String.join("|", ProbeTools.standard()
        .providers(tool).stream().map(Pattern::quote).toList()) + ")");
    for (Stage st : image.chain()) {
      for (Instruction i : st.instructions()) {
        String text = text(i);
        if (text.isEmpty()) continue;
        if (word.matcher(text).find() || pkg.matcher(text).find() || text.contains("busybox")) {
          return true;
        }
        if (i instanceof Instruction.Run) {
          if (opaqueRun(text)) return true;
        } else if (i instanceof Instruction.FileTransfer ft) {
          if (ft.from().isPresent() && image.df().flatMap(d -> d.stage(ft.from().get())).isEmpty()) {
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
  private static Optional<Image> chainImage(Dockerfile df, Stage stage) {
    List<Stage> chain = new ArrayList<>();
    Set<Integer> visited = new HashSet<>();
    Stage cur = stage;
    while (visited.add(cur.index())) {
      chain.add(cur);
      Optional<Stage> parent = df.stage(cur.from().image().text());
      if (parent.isEmpty()) break;
      cur = parent.get();
    }
    Word base = cur.from().image();
    return ProbeTools.standard().lookup(base.text())
        .map(e -> new Image(base.text(), e, Optional.of(df), List.copyOf(chain)));
  }
}
