package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.project.Project;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextLocationTest {

  @Test
  void composeStyleContextsAreResolvedAgainstTheComposeDirectory() {
    assertEquals(new ContextLocation.Local("apps/web"), ContextLocation.of("./web", "apps"));
    assertEquals(new ContextLocation.Local(""), ContextLocation.of("..", "deploy"));
    assertEquals(new ContextLocation.Local("deploy"), ContextLocation.of(".", "deploy"));
    assertEquals("a directory outside the project root",
        ((ContextLocation.Unknown) ContextLocation.of("../..", "deploy")).reason());
    assertEquals("a git repository", ((ContextLocation.Unknown) ContextLocation.of(
        "https://github.com/acme/app.git#main:web", "")).reason());
    assertEquals("a remote URL",
        ((ContextLocation.Unknown) ContextLocation.of("https://example.com/ctx.tar.gz", ""))
            .reason());
    assertEquals("a path with unresolved variables",
        ((ContextLocation.Unknown) ContextLocation.of("${APP_DIR}", "")).reason());
  }

  @Test
  void hostAbsolutePathsAreUnknown() {
    for (String spec : List.of("/srv/app", "C:\\work\\app", "D:/app", "~/app", "\\\\share\\app")) {
      assertEquals(new ContextLocation.Unknown(spec, "an absolute path"),
          ContextLocation.of(spec, ""), spec);
    }
    assertEquals(new ContextLocation.Local("C"), ContextLocation.of("C", ""));
  }

  @Test
  void unknownContextsGiveNoJudgement() {
    Project p = TestProjects.create().paths("web/package.json")
        .dockerfile("web/Dockerfile", "FROM node:20\nCOPY missing.json ./\n").build();
    BuildContext remote = BuildContexts.resolve("web", ContextLocation.of(
        "https://github.com/acme/app.git", ""), "web/Dockerfile", Optional.empty(),
        BuildContext.Origin.COMPOSE, List.of(), p.fileTree(), p::source);
    BuildContexts facts = BuildContexts.of(p, List.of(remote));
    assertEquals(Optional.empty(), facts.files(remote));
    var copy = (dev.berth.dockerfile.Instruction.FileTransfer) p.dockerfile("web/Dockerfile")
        .orElseThrow().instructions().get(1);
    assertEquals(SourceMatch.Outcome.UNKNOWN, facts.sources(remote, copy).get(0).outcome());
  }

  @Test
  void anIgnoreFileWithoutTextMakesFilteringUnknown() {
    Project p = TestProjects.create().paths("web/package.json")
        .dockerfile("web/Dockerfile", "FROM node:20\nCOPY missing.json ./\n").build();
    // the tree lists web/.dockerignore but the loader did not read it
    var tree = TestProjects.create().paths("web/package.json", "web/.dockerignore",
        "web/Dockerfile").tree();
    BuildContext ctx = BuildContexts.resolve("web/Dockerfile", new ContextLocation.Local("web"),
        "web/Dockerfile", Optional.empty(), BuildContext.Origin.ASSUMED, List.of(),
        tree, path -> Optional.empty());
    assertEquals(new BuildContext.IgnoreFile.Unreadable("web/.dockerignore"), ctx.ignore());
    assertEquals(Optional.empty(), BuildContexts.of(p, List.of(ctx)).files(ctx));
  }
}
