package dev.berth.image;

import java.util.List;
import java.util.Optional;

/**
 * Paths well-known programs write as soon as they start, relative to their working directory:
 * {@code uv run} syncs the project's {@code .venv}, {@code next start} writes {@code .next/cache},
 * {@code celery beat} keeps its schedule file in the working directory unless
 * {@code -s/--schedule} says otherwise (a custom {@code --scheduler} writes elsewhere: unknown),
 * and servers told to keep a pid file write it at start: gunicorn {@code --pid/-p}, uWSGI
 * {@code --pidfile/--safe-pidfile}, celery {@code --pidfile} (only when given: their defaults
 * write none, except celery beat's schedule above).
 */
public final class RuntimeWrites {
  private RuntimeWrites() {}

  /** @param what the program, as a message names it ({@code celery beat}) */
  public record Write(String what, String path) {}

  /** The write of {@code argv} (the program first, wrappers already skipped), if known. */
  public static Optional<Write> atStart(List<String> argv, String wd, StageSimulation sim) {
    if (argv.isEmpty()) return Optional.empty();
    String exe = base(argv.get(0));
    List<String> args = argv.subList(1, argv.size());
    if (exe.equals("uv") && !args.isEmpty() && args.get(0).equals("run")
        && !args.contains("--no-sync") && !sim.last().env().containsKey("UV_NO_SYNC")) {
      String env = sim.last().env().getOrDefault("UV_PROJECT_ENVIRONMENT", ".venv");
      return Optional.of(new Write("uv run", ImageFilesystem.resolve(wd, env)));
    }
    List<String> next = nextArgs(exe, args);
    if (!next.isEmpty() && next.get(0).equals("start")) {
      return Optional.of(new Write("next start", ImageFilesystem.resolve(wd, ".next/cache")));
    }
    if (exe.equals("celery") && (args.contains("beat") || args.contains("-B") || args.contains("--beat"))) {
      String schedule = "celerybeat-schedule";
      for (int j = 0; j < args.size(); j++) {
        String a = args.get(j);
        if ((a.equals("-s") || a.equals("--schedule")) && j + 1 < args.size()) schedule = args.get(j + 1);
        if (a.startsWith("--schedule=")) schedule = a.substring("--schedule=".length());
        if (a.equals("--scheduler") || a.startsWith("--scheduler=") || a.equals("-S")) return Optional.empty();
      }
      return Optional.of(new Write("celery beat", ImageFilesystem.resolve(wd, schedule)));
    }
    Optional<String> pid = switch (exe) {
      case "gunicorn" -> option(args, "--pid", "-p");
      case "uwsgi" -> option(args, "--pidfile", "--safe-pidfile");
      case "celery" -> option(args, "--pidfile", null);
      default -> Optional.empty();
    };
    return pid.map(f -> new Write(exe + " (its pid file)", ImageFilesystem.resolve(wd, f)));
  }

  /** The value of {@code --long VALUE}, {@code --long=VALUE} or {@code -s VALUE}. */
  private static Optional<String> option(List<String> args, String longName, String shortName) {
    for (int j = 0; j < args.size(); j++) {
      String a = args.get(j);
      if ((a.equals(longName) || a.equals(shortName)) && j + 1 < args.size()) {
        return Optional.of(args.get(j + 1));
      }
      if (a.startsWith(longName + "=")) return Optional.of(a.substring(longName.length() + 1));
    }
    return Optional.empty();
  }

  /**
   * The named or anonymous volume the runtime (Compose) mounts at {@code path}, not counting the
   * anonymous volumes the image's own VOLUME instructions make.
   */
  public static Optional<ContainerView.Mount> runtimeVolumeAt(ContainerView view, String path) {
    String p = ImageFilesystem.normalize(path);
    return view.mounts().stream()
        .filter(m -> m.kind() == ContainerView.Mount.Kind.VOLUME
            || m.kind() == ContainerView.Mount.Kind.ANONYMOUS_VOLUME)
        .filter(m -> view.stage().volumes().stream().noneMatch(v -> v.range().equals(m.range())))
        .filter(m -> ImageFilesystem.normalize(m.target()).equals(p))
        .findFirst();
  }

  private static List<String> nextArgs(String exe, List<String> args) {
    if (exe.equals("next")) return args;
    if ((exe.equals("npx") || exe.equals("yarn") || exe.equals("pnpm")) && !args.isEmpty()) {
      int k = 0;
      if (exe.equals("pnpm") && args.get(0).equals("exec")) k = 1;
      while (k < args.size() && args.get(k).startsWith("-")) k++;
      if (k < args.size() && args.get(k).equals("next")) return args.subList(k + 1, args.size());
    }
    return List.of();
  }

  private static String base(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
