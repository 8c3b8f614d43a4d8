package dev.berth.cli;

import dev.berth.compose.ComposeInvocation;
import dev.berth.compose.ComposeProject;
import dev.berth.context.BuildContext;
import dev.berth.context.BuildContexts;
import dev.berth.context.ContextLocation;
import dev.berth.project.Project;
import dev.berth.project.ProjectFile;
import dev.berth.report.DisplayPaths;
import dev.berth.report.TerminalText;
import dev.berth.source.Range;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --verbose}: what berth decided before judging, on stderr, from facts the model already
 * holds (nothing is recomputed): the configuration file, the files linted, each compose project
 * with the evidence that its files run together, and each build context with where it was
 * learned. So a surprising finding (or a missing one) can be traced to a grouping or a context.
 */
final class Verbose {
  private final PrintStream err;
  private final DisplayPaths paths;

  Verbose(PrintStream err, DisplayPaths paths) {
    this.err = err;
    this.paths = paths;
  }

  void line(String text) {
    err.println("berth: " + TerminalText.safe(text));
  }

  void project(Project project) {
    List<ProjectFile> files = project.files();
    line("linting " + files.size() + (files.size() == 1 ? " file" : " files") + ": "
        + count(files, ProjectFile.Kind.DOCKERFILE, "Dockerfile") + ", "
        + count(files, ProjectFile.Kind.COMPOSE, "compose file") + ", "
        + count(files, ProjectFile.Kind.DOCKERIGNORE, "ignore file"));
    for (ComposeProject p : project.composeProjects()) {
      line("compose project \"" + p.name() + "\": " + p.files().stream().map(paths::show)
          .collect(Collectors.joining(" + ")) + " (" + basis(p.basis()) + ")");
      for (ComposeInvocation inv : p.invocations()) {
        line("  run by " + where(inv.where()) + inv.subcommand().map(c -> " (" + c + ")").orElse(""));
      }
    }
    for (BuildContext c : BuildContexts.of(project).all()) {
      String where = c.location() instanceof ContextLocation.Local l
          ? (l.dir().isEmpty() ? "." : paths.show(l.dir())) + "/"
          : ((ContextLocation.Unknown) c.location()).reason();
      String from = c.definedAt().isEmpty() ? ""
          : ", " + c.definedAt().stream().map(this::where).collect(Collectors.joining(", "));
      line("build context of " + (c.inlineDockerfile() ? "an inline Dockerfile" : paths.show(
          c.dockerfile())) + ": " + where + " (" + origin(c.origin()) + from + ")");
    }
  }

  private String where(Range r) {
    return paths.show(r.file()) + ":" + r.startLine() + ":" + r.startColumn();
  }

  private static String count(List<ProjectFile> files, ProjectFile.Kind kind, String word) {
    long n = files.stream().filter(f -> f.kind() == kind).count();
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String basis(ComposeProject.Basis b) {
    return switch (b) {
      case DECLARED -> "declared: -f, or compose: in the configuration";
      case DISCOVERED -> "docker compose's own choice in its directory: default files or COMPOSE_FILE";
      case ALONE -> "a file that runs alone";
      case SCRIPTED -> "run together by the repository's own commands";
      case ATTACHED -> "layered on the default files of its directory or of the one above it";
      case FRAGMENT -> "cannot run alone and its base is unknown: only what it says is judged";
      case PLATFORM -> "an app a platform starts on a base of its own (umbrel-app.yml, Runtipi's"
          + " config.json): its services are judged as written, the rest is the platform's";
    };
  }

  static String origin(BuildContext.Origin o) {
    return switch (o) {
      case COMPOSE -> "a compose build: section";
      case CONFIG -> "declared in the configuration";
      case EVIDENCED -> "the repository builds it so";
      case INFERRED -> "inferred: the only directory holding every file the Dockerfile copies";
      case ASSUMED -> "assumed: nobody declares it; rules that need it stay silent";
    };
  }
}
