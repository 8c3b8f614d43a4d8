package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.source.Range;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** BTH308 on projects in jimfs (the fact reads application files through the project root). */
class AppImportsOutsideContextTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path root = fs.getPath("/repo");
  private final AppImportsOutsideContext rule = new AppImportsOutsideContext();

  private AppImportsOutsideContextTest file(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return this;
  }

  private List<Finding> run() {
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    return new Engine(List.of(rule)).run(p).findings();
  }

  private static List<String> where(List<Finding> f) {
    return f.stream().map(x -> x.range().file() + ":" + x.range().startLine()).toList();
  }

  @Test
  void pageOutputIsTheMessageForItsDescribedTree() throws IOException {
    String page = Files.readString(Path.of("rules/BTH308.md"));
    Matcher bad = Pattern.compile("```dockerfile bad[^\n]*\n(.*?)```", Pattern.DOTALL).matcher(page);
    Matcher out = Pattern.compile("## Output\n```text\n(.*?)\n```", Pattern.DOTALL).matcher(page);
    bad.find();
    out.find();
    file("services/api/Dockerfile", bad.group(1));
    file("build.sh", "docker build -t api services/api\n");
    file("services/api/requirements.txt", "fastapi\n");
    file("services/api/main.py", "from processors import pipeline\n");
    file("services/processors/__init__.py", "");
    List<Finding> f = run();
    assertEquals(1, f.size());
    assertEquals(out.group(1), f.get(0).message());
    assertEquals(new Range("services/api/main.py", 1, 1, 1, 32), f.get(0).range());
    assertEquals(List.of(new Related(Range.wholeFile("services/api"), "build context"),
        new Related(new Range("build.sh", 1, 1, 1, 33),
            "the repository builds `services/api/Dockerfile` with this context here"),
        new Related(Range.wholeFile("services/processors"), "outside the build context"),
        new Related(Range.wholeFile("services/api/Dockerfile"),
            "Dockerfile that copies `services/api/main.py`")), f.get(0).related());
  }

  @Test
  void oneDependencyLineCopiedByTwoDockerfilesIsOneFinding() throws IOException {
    // SpacetimeDB's keynote-2 benchmark: Dockerfile.bench and Dockerfile.rpc of one context copy
    // the same package.json, whose workspace root is above the context
    file("pnpm-workspace.yaml", "packages:\n  - 'bench'\n  - 'lib'\n");
    file("lib/package.json", "{\"name\": \"lib\", \"version\": \"1.0.0\"}\n");
    file("bench/package.json", "{\n  \"name\": \"bench\",\n"
        + "  \"dependencies\": {\"lib\": \"workspace:*\"}\n}\n");
    file("bench/Dockerfile.bench", "FROM node:22\nCOPY . /app\nWORKDIR /app\n"
        + "RUN npm install\nUSER node\nCMD [\"node\", \"bench.js\"]\n");
    file("bench/Dockerfile.rpc", "FROM node:22\nCOPY . /app\nWORKDIR /app\n"
        + "RUN npm install\nUSER node\nCMD [\"node\", \"rpc.js\"]\n");
    file("build.sh", "docker build -f bench/Dockerfile.bench bench\n"
        + "docker build -f bench/Dockerfile.rpc bench\n");
    List<Finding> f = run();
    assertEquals(List.of("bench/package.json:3"), where(f));
    assertEquals(List.of("bench/Dockerfile.bench", "bench/Dockerfile.rpc"), f.get(0).related()
        .stream().map(r -> r.range().file()).filter(x -> x.startsWith("bench/Dockerfile"))
        .toList());
  }

  @Test
  void sysPathFormsThatReachAboveTheContext() throws IOException {
    file("svc/app/Dockerfile", "FROM python:3.12\nCOPY . /app\nUSER nobody\n");
    file("build.sh", "docker build svc/app\n");
    file("svc/app/a.py", "import sys, os\n"
        + "sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n");
    file("svc/app/b.py", "import sys\nfrom pathlib import Path\n"
        + "sys.path.insert(0, str(Path(__file__).resolve().parents[1]))\n");
    file("svc/app/c.py", "import sys\nsys.path.insert(0, '..')\n");
    file("svc/app/pkg/d.py", "import sys\n# at pkg/: '..' may be the context root itself\n"
        + "sys.path.insert(0, '..')\n"
        + "sys.path.insert(0, str(Path(__file__).parent.parent))\n");
    file("svc/app/e.py", "import sys\nsys.path.insert(0, os.path.dirname(__file__))\n");
    file("svc/common.py", "X = 1\n");
    assertEquals(List.of("svc/app/a.py:2", "svc/app/b.py:3", "svc/app/c.py:2"), where(run()));
  }

  @Test
  void parentWithoutPythonOfItsOwnIsNotReported() throws IOException {
    file("svc/app/Dockerfile", "FROM python:3.12\nCOPY . /app\nUSER nobody\n");
    file("svc/app/a.py", "import sys\nsys.path.insert(0, '..')\n");
    file("build.sh", "docker build svc/app\n");
    file("svc/README.md", "docs\n");
    assertEquals(List.of(), run());
  }

  @Test
  void siblingImportsOnlyWhenTheNameIsNowhereElse() throws IOException {
    file("services/api/Dockerfile", "FROM python:3.12\nCOPY . /app\nUSER nobody\n");
    file("build.sh", "docker build services/api\n");
    file("services/api/pyproject.toml", "[project]\ndependencies = [\"billing-client>=2\"]\n");
    file("services/api/main.py", "import common.db as db\n"
        + "from billing_client import Client\n"
        + "from . import local\n"
        + "import utils\n"
        + "import logging\n"
        + "\"\"\"\nimport common\n\"\"\"\n");
    file("services/api/utils.py", "");
    file("libs/common/pyproject.toml", "[project]\nname = \"common\"\n");
    file("libs/common/common/__init__.py", "");
    file("services/billing_client/__init__.py", "");
    file("tools/logging/__init__.py", "");
    List<Finding> f = run();
    assertEquals(List.of("services/api/main.py:1"), where(f));
    assertEquals(new Related(Range.wholeFile("libs/common/common"), "outside the build context"),
        f.get(0).related().get(2));
  }

  @Test
  void nodeDependenciesInAPackageContext() throws IOException {
    file("apps/web/Dockerfile", "FROM node:20\nCOPY package.json ./\nRUN npm i\nUSER node\n");
    file("build.sh", "docker build apps/web\n");
    file("apps/web/package.json", """
        {
          "name": "web",
          "dependencies": {"ui": "workspace:^1.0.0", "cfg": "link:../../packages/cfg"},
          "devDependencies": {"local": "file:./vendor/local", "abs": "file:/opt/pkg"}
        }
        """);
    file("package.json", "{\"private\": true, \"workspaces\": [\"apps/*\", \"packages/*\"]}\n");
    file("packages/cfg/package.json", "{}\n");
    List<Finding> f = run();
    assertEquals(2, f.size());
    assertEquals(new Range("apps/web/package.json", 3, 26, 3, 44), f.get(0).range());
    assertEquals("`apps/web/package.json` depends on `\"ui\": \"workspace:^1.0.0\"`, but the"
        + " workspace root `.` is outside the build context `apps/web`, so the package install in"
        + " the image cannot resolve the workspace package", f.get(0).message());
    assertEquals("`apps/web/package.json` depends on `\"cfg\": \"link:../../packages/cfg\"`,"
        + " which points at `packages/cfg`, outside the build context `apps/web`, so the package"
        + " install in the image fails: the directory is not there", f.get(1).message());
  }

  @Test
  void uncopiedFilesAndUnreadableJsonAreIgnored() throws IOException {
    file("web/Dockerfile", "FROM node:20\nCOPY package.json ./\nUSER node\n");
    file("build.sh", "docker build web\n");
    file("web/package.json", "{ not json");
    file("web/tools/package.json", "{\"dependencies\": {\"x\": \"file:../../x\"}}\n");
    file("x/package.json", "{}\n");
    assertEquals(List.of(), run());
  }

  @Test
  void aDockerfileReferencedByNothingIsNotJudgedAgainstAGuessedContext() throws IOException {
    // makeplane/plane: apps/web/Dockerfile.dev copies `.`, so apps/web, apps and the root would
    // all do; it is built from the root, where the workspace is
    file("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - packages/*\n");
    file("package.json", "{\"private\": true}\n");
    file("packages/ui/package.json", "{\"name\": \"@plane/ui\"}\n");
    file("apps/web/package.json", "{\"dependencies\": {\"@plane/ui\": \"workspace:*\"}}\n");
    file("apps/web/Dockerfile.dev", "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n"
        + "RUN pnpm install\nCMD [\"pnpm\", \"dev\", \"--filter=web\"]\n");
    assertEquals(List.of(), run());
    // a script that builds it from apps/web makes the same finding certain
    file("scripts/dev-image.sh", "cd apps/web && docker build -f Dockerfile.dev .\n");
    assertEquals(List.of("apps/web/package.json:1"), where(run()));
  }
}
