package dev.berth.rules.context;

import dev.berth.context.BuildContext;
import dev.berth.context.DockerIgnore;
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

  /** "the build context `apps/web`" or, for compose, "the build context `apps/web` of web". */
  static String context(BuildContext ctx) {
    String s = "the build context `" + dir(ctx) + "`";
    return ctx.origin() == BuildContext.Origin.COMPOSE ? s + " of service `" + ctx.name() + "`" : s;
  }
}
