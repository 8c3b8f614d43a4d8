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
import java.util.Map;
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
    // Each file's lower-cased text, made once: a service has many URL variables and the
    // services of one image share its files (redash: 2 s of 2.1 s were these scans).
    Map<SourceFile, String> lower = new java.util.IdentityHashMap<>();
    for (ServiceUrls.Of of : ServiceUrls.of(project).all()) {
      Engine engine = null;
      for (ServiceUrl u : of.urls()) {
        if (u.scheme().isEmpty()) continue;
        Optional<UrlVariables.AsyncDialect> d = catalog.dialect(u.scheme().get());
        if (d.isEmpty()) continue;
        if (engine == null) engine = engine(pythonFiles(project, of));
        if (engine.at().isEmpty() || engine.choosesDriver()) break;
        String needle = u.variable().toLowerCase(Locale.ROOT);
        Optional<Range> reads = Optional.empty();
        for (SourceFile f : engine.files()) {
          int at = lower.computeIfAbsent(f, x -> x.text().toLowerCase(Locale.ROOT)).indexOf(needle);
          if (at >= 0) {
            reads = Optional.of(f.range(at, at + needle.length()));
            break;
          }
        }
        if (reads.isEmpty()) continue;
        if (!reported.add(u.at() + "\n" + u.variable())) continue;
        Range call = engine.at().get();
        ctx.report(u.at(), message(u.variable(), of.service().serviceName(), u.scheme().get(),
            d.get().defaultDriver(), call.file(),
            d.get().dialect() + "+" + d.get().async().get(0)))
            .related(call, "create_async_engine is called here")
            .related(reads.get(), "the code reads " + u.variable() + " here");
      }
    }
  }

  /**
   * What a service's Python files say about its engine: the first create_async_engine call
   * (empty when none, or when the files are unknown) and whether some file picks the driver
   * itself.
   */
  private record Engine(List<SourceFile> files, Optional<Range> at, boolean choosesDriver) {}

  private static Engine engine(List<SourceFile> files) {
    if (files == null) return new Engine(List.of(), Optional.empty(), false);
    Optional<Range> at = Optional.empty();
    for (SourceFile f : files) {
      // A plain search first: the regex tries every position of every file.
      if (!f.text().contains("create_async_engine")) continue;
      Matcher m = ASYNC_ENGINE.matcher(f.text());
      if (m.find()) {
        at = Optional.of(f.range(m.start(), m.end() - 1));
        break;
      }
    }
    boolean chooses = false;
    if (at.isPresent()) {
      for (SourceFile f : files) {
        if (CHOOSES_DRIVER.matcher(f.text()).find()) {
          chooses = true;
          break;
        }
      }
    }
    return new Engine(files, at, chooses);
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
