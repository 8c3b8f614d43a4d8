package dev.berth.rules.hygiene;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.StageFacts;
import dev.berth.image.BaseImage;
import dev.berth.image.RunScript;
import dev.berth.image.RunScripts;
import dev.berth.image.shell.ShellWord;
import dev.berth.image.shell.SimpleCommand;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.hygiene.ShellDialects.Construct;
import dev.berth.rules.hygiene.ShellDialects.Dialect;
import dev.berth.source.Range;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bash construct in a RUN that {@code /bin/sh} runs, where the base image's {@code /bin/sh} is
 * known not to support it: dash on Debian and Ubuntu, BusyBox ash on Alpine (see
 * {@link ShellDialects}). Silent when a SHELL names another shell, when the script starts with a
 * shebang, when an earlier RUN may have replaced /bin/sh, and on base images the catalog does not
 * know. ShellCheck reports these under {@code #!/bin/sh} whatever the image (SC3xxx).
 */
@RuleMeta(
    id = "BTH521",
    summary = "A bash construct in a RUN whose /bin/sh (dash, BusyBox ash) does not support it",
    severity = Severity.WARNING,
    category = Category.BUG,
    aliases = {"SC3010", "SC3046", "SC3037", "SC3009", "SC3020", "SC3003", "SC3057", "SC3060",
        "SC3014", "SC3044"})
public final class BashismUnderSh implements DockerfileRule {
  /** {@code ${NAME:offset}}, {@code ${NAME/p/r}}, {@code ${NAME^}}, {@code ${!NAME}}, {@code ${NAME[i]}}. */
  private static final Pattern BASH_SUBSTITUTION = Pattern.compile(
      "\\$\\{(!\\w+|\\w+(:[^-=?+]|/|\\^|,|\\[).*)\\}", Pattern.DOTALL);

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    List<StageFacts> stages = RunScripts.of(project).stages(dockerfile);
    boolean shReplaced = false;
    for (RunScripts.Site site : Scripts.built(dockerfile, project)) {
      RunScript script = site.script();
      boolean replacesSh = replacesSh(script.script().text());
      if (shReplaced || !script.shellName().filter("sh"::equals).isPresent()
          || script.script().text().startsWith("#!")) {
        shReplaced |= replacesSh;
        continue;
      }
      Optional<BaseImage> base = BaseImages.catalogBase(site.stage(), stages);
      Optional<Dialect> dialect = base.flatMap(b -> ShellDialects.ofOs(b.os()));
      if (dialect.isEmpty()) {
        shReplaced |= replacesSh;
        continue;
      }
      List<SimpleCommand> commands = script.commands();
      outer:
      for (int i = 0; i < commands.size(); i++) {
        SimpleCommand c = commands.get(i);
        // the inner script of `bash -c '...'` runs under bash, whatever /bin/sh is (MISP's
        // modules image: RUN bash -c 'mkdir -p /custom/{action_mod,expansion}')
        if (c.shell().filter("bash"::equals).isPresent()) continue;
        for (Construct k : dialect.get().lacks()) {
          Optional<ShellWord> at = find(k, c, i + 1 < commands.size() && c.piped());
          if (at.isPresent()) {
            Range r = script.range(at.get());
            ctx.report(r, message(k, dialect.get().name(), base.get().ref().toString()));
            break outer; // one finding per RUN: the first construct that breaks
          }
        }
      }
      shReplaced |= replacesSh;
    }
  }

  /** The word showing the construct in this command, if it uses it. */
  private static Optional<ShellWord> find(Construct k, SimpleCommand c, boolean piped) {
    List<ShellWord> words = c.words();
    String name = words.isEmpty() ? "" : words.get(0).value().orElse("");
    return switch (k) {
      case DOUBLE_BRACKET -> name.equals("[[") ? Optional.of(words.get(0)) : Optional.empty();
      case SOURCE -> name.equals("source") ? Optional.of(words.get(0)) : Optional.empty();
      case PUSHD_POPD -> name.equals("pushd") || name.equals("popd") ? Optional.of(words.get(0))
          : Optional.empty();
      case ECHO_FLAGS -> name.equals("echo") && words.size() > 1
          && words.get(1).value().filter(v -> v.matches("-[neE]*[eE][neE]*")).isPresent()
          && (piped || c.redirects().stream().anyMatch(r -> r.operator().contains(">")))
          ? Optional.of(words.get(1)) : Optional.empty();
      case TEST_DOUBLE_EQUALS -> (name.equals("[") || name.equals("test"))
          ? words.stream().filter(w -> w.value().filter("=="::equals).isPresent()).findFirst()
          : Optional.empty();
      case AMPERSAND_REDIRECT -> c.redirects().stream()
          .filter(r -> r.operator().equals("&>") || r.operator().equals("&>>"))
          .map(SimpleCommand.Redirect::target).findFirst();
      // curl expands {a,b} in its URLs itself (curl(1), "URL globbing", unless -g/--globoff):
      // k6's `curl -O "https://.../awscli.zip"{,.sig}` fetches both files under dash too
      case BRACE_EXPANSION -> curlGlobs(name, words) ? Optional.empty()
          : allWords(c).filter(w -> w.parts().stream().anyMatch(
              p -> p instanceof ShellWord.Opaque o && o.raw().equals("{"))).findFirst();
      case ANSI_C_QUOTING -> allWords(c).filter(w -> w.parts().stream().anyMatch(
          p -> p instanceof ShellWord.Opaque o && o.raw().startsWith("$'"))).findFirst();
      case BASH_SUBSTITUTION -> allWords(c).filter(w -> w.parts().stream().anyMatch(
          p -> p instanceof ShellWord.Opaque o && BASH_SUBSTITUTION.matcher(o.raw()).matches()))
          .findFirst();
    };
  }

  /** curl without -g/--globoff, which expands {a,b} and [1-9] in its URL arguments itself. */
  private static boolean curlGlobs(String name, List<ShellWord> words) {
    return name.equals("curl") && words.stream().noneMatch(w -> w.value()
        .filter(v -> v.equals("-g") || v.equals("--globoff")).isPresent());
  }

  private static java.util.stream.Stream<ShellWord> allWords(SimpleCommand c) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.concat(
        c.assignments().stream(), c.words().stream()), c.redirects().stream()
        .map(SimpleCommand.Redirect::target));
  }

  /** The script links, moves or reconfigures /bin/sh: what runs later RUNs is no longer known. */
  private static boolean replacesSh(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return (t.contains("/bin/sh") && (t.contains("ln ") || t.contains("mv ") || t.contains("cp ")))
        || t.contains("dpkg-reconfigure dash") || t.contains("update-alternatives");
  }

  public static String message(Construct k, String shell, String image) {
    return k.text + " in a RUN run by /bin/sh, which is " + shell + " in " + image + ": "
        + k.consequence + "; or set SHELL [\"/bin/bash\", \"-c\"] if the image has bash";
  }
}
