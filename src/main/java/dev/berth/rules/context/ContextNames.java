package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.ContextLocation;
import dev.berth.context.DockerIgnore;
import dev.berth.context.Paths;
import dev.berth.rules.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.berth.source.Range;

/** Shared wording for context findings, so messages name contexts and ignore files the same way. */
final class ContextNames {
  private ContextNames() {}

  /** The context directory as a user would type it: "." for the root. */
  static String dir(BuildContext ctx) {
    return ctx.localDir().map(d -> d.isEmpty() ? "." : d).orElse("?");
  }

  static String where(DockerIgnore.Pattern p) {
    Range r = p.range();
    return r.file() + ":" + r.startLine();
  }

  /** "the named context `libs` (`libs`) of service `api`". */
  static String named(BuildContext.NamedContext n, BuildContext build) {
    String dir = n.location() instanceof ContextLocation.Local l
        ? " (`" + (l.dir().isEmpty() ? "." : l.dir()) + "`)" : "";
    return "the named context `" + n.name() + "`" + dir + " of service `" + build.name() + "`";
  }

  /** A range standing for a local context directory. */
  static Optional<Range> directory(ContextLocation location) {
    return location instanceof ContextLocation.Local l
        ? Optional.of(Range.wholeFile(l.dir().isEmpty() ? "." : l.dir())) : Optional.empty();
  }

  /** Root-relative path of a context-relative path in a local context ("." for the root). */
  static String rootPath(ContextLocation location, String contextPath) {
    String dir = location instanceof ContextLocation.Local l ? l.dir() : "";
    String p = Paths.join(dir, contextPath);
    return p.isEmpty() ? "." : p;
  }

  /** "the build context `apps/web`" or, for compose, "the build context `apps/web` of web". */
  static String context(BuildContext ctx) {
    String s = "the build context `" + dir(ctx) + "`";
    return ctx.origin() == BuildContext.Origin.COMPOSE ? s + " of service `" + ctx.name() + "`" : s;
  }

  /**
   * The end of every context finding's message on an inferred context: nobody declared it, so
   * the message states what it rests on. Empty for declared and evidenced contexts.
   */
  static String assumption(BuildContext ctx) {
    return ctx.origin() == BuildContext.Origin.INFERRED
        ? " (nothing declares this build's context; berth infers `" + dir(ctx) + "`, the only "
            + "directory at or above the Dockerfile that holds every file it copies)"
        : "";
  }

  /**
   * Related locations every context finding carries: the context directory and, for a context
   * learned from the repository, where the repository builds it so.
   */
  static void relate(RuleContext.Report r, BuildContext build) {
    build.directoryRange().ifPresent(d -> r.related(d, "build context"));
    evidence(r, build);
  }

  private static void evidence(RuleContext.Report r, BuildContext build) {
    if (build.origin() == BuildContext.Origin.EVIDENCED) {
      for (Range at : build.definedAt()) {
        r.related(at, "the repository builds `" + build.dockerfile() + "` with this context here");
      }
    }
  }

  /**
   * One finding per cause: the same message at the same place from several builds of one
   * Dockerfile (build lines that differ only in build args or tags) is reported once, and the
   * first report cites every build's evidence.
   */
  static final class Once {
    private final RuleContext ctx;
    private final Map<List<Object>, RuleContext.Report> seen = new HashMap<>();

    Once(RuleContext ctx) {
      this.ctx = ctx;
    }

    /** A new report, or empty when this one was made already (it then cites this build too). */
    Optional<RuleContext.Report> report(Range at, String message, BuildContext build) {
      List<Object> key = List.of(at, message);
      RuleContext.Report first = seen.get(key);
      if (first != null) {
        evidence(first, build);
        return Optional.empty();
      }
      RuleContext.Report r = ctx.report(at, message);
      seen.put(key, r);
      return Optional.of(r);
    }
  }
}
