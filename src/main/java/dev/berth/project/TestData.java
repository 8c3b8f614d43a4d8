package dev.berth.project;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Directories that hold data tests read: files there are inputs of a test (a compose file a PHP
 * unit test parses, a deliberately broken Dockerfile a Go parser test reads), not projects or
 * images anybody starts.
 */
public final class TestData {
  /** Test source roots (Maven {@code src/test}, {@code tests/}, RSpec {@code spec/}, Jest). */
  private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "spec",
      "__tests__");
  /**
   * Directories of data tests read under a test root: Maven {@code src/test/resources}, data.
   */
  private static final Set<String> DATA_UNDER_TESTS = Set.of("resources", "data");
  /**
   * Words of a directory name under a test root that say its input is wrong on purpose:
   * super-linter's test/linters/dockerfile_hadolint/bad/, the Dockerfile its hadolint test must
   * fail on; prefect's tests/docker/contexts/missing-file/, a context its image-build test expects
   * to fail with "COPY failed".
   */
  private static final Set<String> WRONG_ON_PURPOSE = Set.of("bad", "invalid", "broken",
      "malformed", "missing", "failing");
  /**
   * Test data wherever they are: {@code testdata} (the go tool ignores directories of that name,
   * they hold data for tests: go help packages); {@code fixtures} beside the package that reads
   * them (crazy-max/diun's pkg/dockerfile/fixtures/invalid.Dockerfile) and Jest's
   * {@code __fixtures__} beside the sources.
   */
  private static final Set<String> DATA_ANYWHERE = Set.of("testdata", "fixtures", "__fixtures__");

  private TestData() {}

  /**
   * The root-relative test data directory {@code dir} is in (the part of it up to that
   * directory), or empty.
   */
  public static Optional<String> directory(String dir) {
    boolean inTests = false;
    int end = 0;
    for (String part : dir.split("/")) {
      end += part.length();
      String p = part.toLowerCase(Locale.ROOT);
      if (DATA_ANYWHERE.contains(p) || inTests && (DATA_UNDER_TESTS.contains(p)
          || java.util.Arrays.stream(p.split("[-_.]")).anyMatch(WRONG_ON_PURPOSE::contains))) {
        return Optional.of(dir.substring(0, end));
      }
      if (TEST_DIRECTORIES.contains(p)) inTests = true;
      end++; // the slash
    }
    return Optional.empty();
  }
}
