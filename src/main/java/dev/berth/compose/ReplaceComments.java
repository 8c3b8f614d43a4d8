package dev.berth.compose;

import dev.berth.project.Project;
import dev.berth.source.Range;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The comment right above a compose entry that tells the user to put a value of their own there:
 * Lychee's {@code # REPLACE ME WITH YOUR VALUE GENERATED WITH `openssl rand -base64 32`} above
 * {@code APP_KEY: "base64:..."}. The literal is then the author's placeholder, written in the
 * form the real value takes. Read from the file's text, as {@link InstallComments} does.
 */
public final class ReplaceComments {
  private ReplaceComments() {}

  /** Words that ask for the user's own value. */
  private static final Pattern REPLACE = Pattern.compile("(?i)\\b(?:replace\\s++(?:me|this|it"
      + "|with)\\b|changeme|change\\s++(?:this|me|it)\\b|(?:set|use|put|generate)\\s++your\\s++own\\b"
      + "|your\\s++own\\s++(?:value|key|secret|password|token)\\b)");

  /** The comment line above {@code at} that asks for a value of the user's own. */
  public static Optional<Range> above(Project project, Range at) {
    return InstallComments.matchAbove(project, at, REPLACE);
  }
}
