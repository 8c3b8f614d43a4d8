package dev.berth.compose;

import dev.berth.project.TestData;
import java.util.Optional;

/**
 * A compose project that is test data: its files sit in a test data directory and nothing in the
 * repository runs them. Such a file is read as text by a test (appwrite's
 * {@code tests/resources/docker/docker-compose.yml}, parsed by a PHP unit test); its relative paths
 * are not the ones of a project anybody starts, so a missing path is only a guess.
 */
public final class ComposeTestData {
  private ComposeTestData() {}

  /**
   * The project directory, when it is inside a test data directory ({@link TestData}), no
   * invocation of the repository's runs the project's files and the user did not name them;
   * empty otherwise.
   */
  public static Optional<String> directory(ComposeProject cp) {
    if (!cp.invocations().isEmpty() || cp.basis() == ComposeProject.Basis.DECLARED
        || cp.basis() == ComposeProject.Basis.SCRIPTED) {
      return Optional.empty();
    }
    // the whole project directory is named, as before: where its relative paths start
    String dir = cp.projectDirectory();
    return TestData.directory(dir).map(x -> dir);
  }

  /** What a finding in such a project adds: the assumption it is data. */
  public static String assumption(String dir) {
    return "; the compose file is in the test data directory `" + dir + "` and nothing in the "
        + "repository runs it, so it may be data a test reads rather than a project Compose "
        + "starts";
  }
}
