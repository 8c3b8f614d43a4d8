package dev.berth.compose;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A compose project that is test data: its files sit in a test data directory and nothing in the
 * repository runs them. Such a file is read as text by a test (appwrite's
 * {@code tests/resources/docker/docker-compose.yml}, parsed by a PHP unit test); its relative paths
 * are not the ones of a project anybody starts, so a missing path is only a guess.
 */
public final class ComposeTestData {
  /** Test source roots (Maven {@code src/test}, {@code tests/}, RSpec {@code spec/}, Jest). */
  private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "spec",
      "__tests__");
  /**
   * Directories of data tests read under a test root (Maven {@code src/test/resources}, pytest
   * and Jest {@code fixtures}/{@code __fixtures__}); {@code testdata} on its own: the go tool
   * ignores directories of that name, they hold data for tests (go help packages).
   */
  private static final Set<String> DATA_DIRECTORIES = Set.of("resources", "fixtures",
      "__fixtures__", "data");

  private ComposeTestData() {}

  /**
   * The project directory, when it is inside a test data directory, no invocation of the
   * repository's runs the project's files and the user did not name them; empty otherwise.
   */
  public static Optional<String> directory(ComposeProject cp) {
    if (!cp.invocations().isEmpty() || cp.basis() == ComposeProject.Basis.DECLARED
        || cp.basis() == ComposeProject.Basis.SCRIPTED) {
      return Optional.empty();
    }
    String dir = cp.projectDirectory();
    List<String> parts = List.of(dir.split("/"));
    boolean inTests = false;
    for (String part : parts) {
      String p = part.toLowerCase(Locale.ROOT);
      if (p.equals("testdata") || (inTests && DATA_DIRECTORIES.contains(p))) {
        return Optional.of(dir);
      }
      if (TEST_DIRECTORIES.contains(p)) inTests = true;
    }
    return Optional.empty();
  }

  /** What a finding in such a project adds: the assumption it is data. */
  public static String assumption(String dir) {
    return "; the compose file is in the test data directory `" + dir + "` and nothing in the "
        + "repository runs it, so it may be data a test reads rather than a project Compose "
        + "starts";
  }
}
