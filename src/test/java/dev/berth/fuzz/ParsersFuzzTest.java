package dev.berth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.compose.EnvFile;
import dev.berth.config.BerthConfig;
import dev.berth.config.BerthConfigLoader;
import dev.berth.context.DockerIgnore;
import dev.berth.context.GitIgnore;
import dev.berth.context.GoGlob;
import dev.berth.context.PathGlob;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileParser;
import dev.berth.dockerfile.StageResolver;
import dev.berth.framework.DjangoSettings;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ImageSimulation;
import dev.berth.image.shell.ShellScript;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.rules.Analysis;
import dev.berth.rules.Engine;
import dev.berth.rules.Registry;
import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser and matcher that reads user files. In a
 * normal test run ({@code mvn verify}) each target only replays its stored inputs, seeds and
 * every crash reproducer, from {@code src/test/resources/dev/berth/fuzz/ParsersFuzzTestInputs/
 * <target>/}; with {@code JAZZER_FUZZ=1} one target is fuzzed (docs/fuzzing.md).
 *
 * <p>A target fails on any exception that escapes, and the pipeline target also on a contained
 * one (an internal-error diagnostic): berth must turn every input into findings and diagnostics.
 * Inputs holding several files separate them with a line {@code --8<--}.
 */
class ParsersFuzzTest {
  private static final String SEPARATOR = "\n--8<--\n";
  private static final BaseImageCatalog CATALOG = BaseImageCatalog.standard();

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  private static String part(String[] parts, int i) {
    return i < parts.length ? parts[i] : "";
  }

  /** Dockerfile parser, word expander, stage resolver, image simulation (and the shell parser). */
  @FuzzTest(maxDuration = "10m")
  void dockerfile(byte[] data) {
    Dockerfile df = DockerfileParser.parse(new SourceFile("Dockerfile", text(data)));
    StageResolver.resolve(df);
    StageResolver.resolve(df, Map.of("A", "x", "B", "$A"));
    ImageSimulation.simulate(df, CATALOG, Map.of());
  }

  /** POSIX shell parser (RUN lines, entrypoint scripts). */
  @FuzzTest(maxDuration = "10m")
  void shell(byte[] data) {
    ShellScript.parse(text(data));
  }

  /** Compose loader: YAML, interpolation (.env), merge of two files, extends and include. */
  @FuzzTest(maxDuration = "10m")
  void compose(byte[] data) throws IOException {
    String[] p = text(data).split(SEPARATOR, -1);
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectories(fs.getPath("/repo"));
      Files.writeString(root.resolve("compose.yaml"), part(p, 0));
      Files.writeString(root.resolve("other.yaml"), part(p, 1));
      Files.writeString(root.resolve(".env"), part(p, 2));
      ComposeLoadResult r = ComposeLoader.load(root, List.of("compose.yaml", "other.yaml"),
          ComposeOptions.defaults());
      noInternalError(r.diagnostics(), false);
      ComposeLoader.load(root, List.of("compose.yaml"), ComposeOptions.defaults()
          .withGroups(List.of(List.of("compose.yaml", "other.yaml"))));
    }
  }

  /** The env-file parser with its interpolation. */
  @FuzzTest(maxDuration = "10m")
  void envFile(byte[] data) {
    EnvFile.parse(new SourceFile(".env", text(data)),
        k -> k.equals("HOME") ? Optional.of("/root") : Optional.empty());
  }

  /** .dockerignore and .gitignore matchers, Go's filepath.Match, .berth.yaml globs. */
  @FuzzTest(maxDuration = "10m")
  void ignoreMatchers(byte[] data) {
    String[] p = text(data).split(SEPARATOR, -1);
    String patterns = part(p, 0);
    DockerIgnore di = DockerIgnore.parse(new SourceFile(".dockerignore", patterns));
    GitIgnore gi = GitIgnore.parse(new SourceFile(".gitignore", patterns));
    for (String path : part(p, 1).split("\n")) {
      di.decide(path);
      gi.match(path, true);
      gi.match(path, false);
      for (String pattern : patterns.split("\n")) {
        GoGlob.match(pattern, path);
        try {
          PathGlob.compile(pattern).matches(path);
        } catch (PathGlob.Invalid e) {
          assertTrue(e.index() >= 0 && e.index() <= pattern.length(), e.getMessage());
        }
      }
    }
  }

  /** .berth.yaml reader (strict configuration, YAML limits). */
  @FuzzTest(maxDuration = "10m")
  void config(byte[] data) {
    BerthConfigLoader.parse(new SourceFile(".berth.yaml", text(data)),
        Set.of("BTH001", "BTH007", "BTH104"));
  }

  /** Django settings scanner. */
  @FuzzTest(maxDuration = "10m")
  void djangoSettings(byte[] data) {
    DjangoSettings.parse(new SourceFile("app/settings.py", text(data)));
  }

  /**
   * The whole pipeline on a small project: Dockerfile, compose.yaml, .dockerignore, app.py (which
   * the image copies and runs, so AppImports and AppLogFiles scan it), .env, an included file,
   * .gitignore and an entrypoint script; every rule runs.
   */
  @FuzzTest(maxDuration = "10m")
  void project(byte[] data) throws IOException {
    String[] p = text(data).split(SEPARATOR, -1);
    String[] names = {"Dockerfile", "compose.yaml", ".dockerignore", "app.py", ".env",
        "other.yaml", ".gitignore", "entrypoint.sh", "settings/base.py"};
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectories(fs.getPath("/repo"));
      for (int i = 0; i < names.length; i++) {
        Path f = root.resolve(names[i]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, part(p, i));
      }
      Project project = ProjectLoader.load(root, List.of(), BerthConfig.defaults(),
          ComposeOptions.defaults());
      Analysis a = new Engine(Registry.all()).run(project);
      // what the user sees: one line per problem
      noInternalError(a.diagnostics(), true);
    }
  }

  private static void noInternalError(List<Diagnostic> diagnostics, boolean distinct) {
    for (Diagnostic d : diagnostics) {
      assertTrue(d.kind() != Diagnostic.Kind.INTERNAL, d.oneLine());
    }
    if (distinct) assertEquals(diagnostics.size(), diagnostics.stream().distinct().count(),
        () -> "a diagnostic twice: " + diagnostics);
  }
}
