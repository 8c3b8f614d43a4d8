package dev.berth.rules.wiring;

import dev.berth.context.BuildContext;
import dev.berth.context.PythonSources;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.runtime.Container;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.wiring.ServiceUrl;
import dev.berth.wiring.ServiceUrls;
import dev.berth.wiring.UrlVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL without a driver ({@code postgresql://}, {@code mysql://}) in the environment of
 * a service whose Python code, in the build context of its image, creates a SQLAlchemy engine
 * with {@code create_async_engine}: SQLAlchemy loads the dialect's default driver (psycopg2,
 * mysqlclient), which is not async, and the asyncio extension refuses it at start-up. The code is
 * read, never run, with bounded patterns: silent when any Python file of the context names a
 * driver in a URL prefix ({@code "postgresql+asyncpg://"}), rewrites a scheme ({@code .replace("postgresql://", ...)},
 * {@code drivername}), or does not mention the variable; and when some files could not be read.
 */
@RuleMeta(
    id = "BTH723",
    summary = "A database URL without an async driver is handed to SQLAlchemy's create_async_engine",
    severity = Severity.ERROR,
    category = Category.BUG)
public final class AsyncEngineSyncDriver implements ProjectRule {
  private static final Pattern ASYNC_ENGINE = Pattern.compile("\\bcreate_async_engine\\s*+\\(");
  /**
   * The code picks or rewrites the driver itself: a string that ends at the driver or its
   * {@code ://} (a prefix to build or replace with, not a whole default URL), an f-string built
   * on it, {@code drivername}, or a {@code replace}/{@code re.sub} of the scheme.
   */
  private static final Pattern CHOOSES_DRIVER = Pattern.compile(
      "\\+(?:asyncpg|psycopg|psycopg_async|aiomysql|asyncmy)(?:://)?+(?:['\"]|\\{)"
          + "|\\bdrivername\\b"
          + "|\\.replace\\(\\s*+['\"](?:postgres|postgresql|mysql|mariadb)(?:://)?+['\"]"
          + "|\\bre\\.sub\\([^\\n]*(?:postgres|mysql|mariadb)");

  public static String message(String variable, String service, String scheme, String driver,
      String file, String suggestion) {
    return variable + " of service '" + service + "' is a " + scheme + ":// URL without a "
        + "driver, so SQLAlchemy loads " + driver + ", but " + file + " creates the engine with "
        + "create_async_engine, which refuses a driver that is not async (\"The asyncio "
        + "extension requires an async driver to be used\") and the service fails at start-up; "
        + "write " + suggestion + "://";
  }

  @Override
  public void check(Project project, RuleContext ctx) {
    UrlVariables catalog = UrlVariables.standard();
    Set<String> reported = new HashSet<>();
    for (ServiceUrls.Of of : ServiceUrls.of(project).all()) {
      for (ServiceUrl u : of.urls()) {
        if (u.scheme().isEmpty()) continue;
        Optional<UrlVariables.AsyncDialect> d = catalog.dialect(u.scheme().get());
        if (d.isEmpty()) continue;
        List<SourceFile> files = pythonFiles(project, of);
        if (files == null || files.isEmpty()) continue;
        Optional<Range> engine = Optional.empty();
        Optional<Range> reads = Optional.empty();
        boolean chooses = false;
        String needle = u.variable().toLowerCase(Locale.ROOT);
        for (SourceFile f : files) {
          String text = f.text();
          Matcher m = ASYNC_ENGINE.matcher(text);
          if (engine.isEmpty() && m.find()) engine = Optional.of(f.range(m.start(), m.end() - 1));
          if (CHOOSES_DRIVER.matcher(text).find()) chooses = true;
          int at = text.toLowerCase(Locale.ROOT).indexOf(needle);
          if (reads.isEmpty() && at >= 0) reads = Optional.of(f.range(at, at + needle.length()));
        }
        if (engine.isEmpty() || chooses || reads.isEmpty()) continue;
        if (!reported.add(u.at() + "\n" + u.variable())) continue;
        ctx.report(u.at(), message(u.variable(), of.service().serviceName(), u.scheme().get(),
            d.get().defaultDriver(), engine.get().file(),
            d.get().dialect() + "+" + d.get().async().get(0)))
            .related(engine.get(), "create_async_engine is called here")
            .related(reads.get(), "the code reads " + u.variable() + " here");
      }
    }
  }

  /**
   * The Python files of the images berth builds for the service; null when one context's files
   * are not all known (silence), empty when the service builds nothing berth can read.
   */
  private static List<SourceFile> pythonFiles(Project project, ServiceUrls.Of of) {
    List<SourceFile> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Container c : ServiceUrls.containers(project, of.project(), of.service())) {
      for (BuildContext bc : c.contexts()) {
        Optional<PythonSources.Files> f = PythonSources.of(project).of(bc);
        if (f.isEmpty()) continue;
        PythonSources.of(project).noteBound(f.get(), "database engines");
        if (!f.get().complete()) return null;
        for (SourceFile s : f.get().files()) {
          if (seen.add(s.path())) out.add(s);
        }
      }
    }
    return out;
  }
}
