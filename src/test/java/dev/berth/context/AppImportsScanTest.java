package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Python line scans are the regexes they replaced, in linear time. */
class AppImportsScanTest {
  private static final Pattern OLD_SYS_PATH =
      Pattern.compile("\\bsys\\.path\\.(?:insert|append)\\s*\\((.*)\\)\\s*(?:#.*)?$");
  private static final Pattern OLD_FROM =
      Pattern.compile("^\\s*from\\s+([A-Za-z_]\\w*)[\\w.]*\\s+import\\b");
  private static final Pattern OLD_IMPORT = Pattern.compile("^\\s*import\\s+([^#;]+)");

  private static Optional<String> oldSysPath(String line) {
    Matcher m = OLD_SYS_PATH.matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static List<String> oldImported(String line) {
    Matcher from = OLD_FROM.matcher(line);
    if (from.find()) return List.of(from.group(1));
    Matcher imp = OLD_IMPORT.matcher(line);
    if (!imp.find()) return List.of();
    return java.util.Arrays.stream(imp.group(1).split(","))
        .map(p -> p.strip().split("[\\s.]", 2)[0]).filter(n -> n.matches("[A-Za-z_]\\w*")).toList();
  }

  @Test
  void packagesInstalledByNameAreTheOperandsOfTheInstall() {
    assertEquals(java.util.Set.of("nicegui", "rclpy_ext", "fastapi"), AppImports.installedByName(
        "set -o pipefail && pip3 install --no-cache-dir nicegui==2.0 'rclpy-ext[all]>=1'"
            + " -r requirements.txt && uv add fastapi"));
    // the words of other commands are no packages (pipefail, the directory mkdir makes)
    assertEquals(java.util.Set.of(), AppImports.installedByName(
        "set -o pipefail && pip install -r /srv/requirements.txt && mkdir -p /srv/app/cache"));
  }

  @Test
  void sameAnswersAsTheRegexesOnRandomLines() {
    String[] tokens = {"sys.path.insert(", "sys.path.append(", "(", ")", " ", "#", "'..'", "x",
        "from ", "import ", "a", ".", "b1", ",", "\t", ";"};
    Random random = new Random(20);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) b.append(tokens[random.nextInt(tokens.length)]);
      String line = b.toString();
      assertEquals(oldSysPath(line), AppImports.sysPathArgument(line), line);
      assertEquals(oldImported(line), AppImports.importedNames(line), line);
    }
  }

  /** Reproducers 12 and 13 of issue 20, at their largest sizes. */
  @Test
  void hostileLinesStayLinear() {
    String from = "from " + "a".repeat(1_000_000);
    String sysPath = "sys.path.insert(".repeat(60_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(), AppImports.importedNames(from));
      assertEquals(Optional.empty(), AppImports.sysPathArgument(sysPath));
    });
  }
}
