package dev.berth.compose;

import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The comment right above a compose entry that says the entry serves a package the project has
 * not installed yet: symfony-docker's {@code # Run "composer require symfony/orm-pack" to install
 * and configure Doctrine ORM} above {@code DATABASE_URL: postgresql://...@database:5432/...}.
 * Until that install (whose recipe also adds the {@code database} service), nothing reads the
 * value. Neither YAML nor Compose keeps comments, so they are read from the file's text: the
 * run of comment lines directly above the entry's line.
 */
public final class InstallComments {
  private InstallComments() {}

  /** How many comment lines above an entry are read. */
  private static final int MAX_LINES = 5;

  /** A package manager's command that adds a package to the project. */
  private static final Pattern INSTALL = Pattern.compile(
      "\\b(?:composer\\s++require|npm\\s++(?:install|i)\\s++[@a-z]|yarn\\s++add|pnpm\\s++add"
          + "|pip\\s++install|uv\\s++add|poetry\\s++add|bundle\\s++add|go\\s++get|cargo\\s++add)\\b");

  /** The comment line above {@code at} that tells the user to install a package first. */
  public static Optional<Range> above(Project project, Range at) {
    return matchAbove(project, at, INSTALL);
  }

  /**
   * The first line, going up, of the run of comment lines directly above {@code at} (at most
   * {@value #MAX_LINES}) in which {@code pattern} is found.
   */
  static Optional<Range> matchAbove(Project project, Range at, Pattern pattern) {
    Optional<SourceFile> file = project.source(at.file());
    if (file.isEmpty()) return Optional.empty();
    SourceFile f = file.get();
    for (int line = at.startLine() - 1; line >= 1 && line >= at.startLine() - MAX_LINES; line--) {
      String text = f.lineText(line).strip();
      if (!text.startsWith("#")) break;
      if (pattern.matcher(text).find()) return Optional.of(f.lineRange(line));
    }
    return Optional.empty();
  }
}
