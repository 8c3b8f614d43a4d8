package dev.berth.rules.compose;

import dev.berth.compose.Sizes;
import dev.berth.compose.UnsetVariable;
import dev.berth.dockerfile.ImageRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Compose and Docker do with a value in which an unset variable became an empty string,
 * decided by the field the value lands in: a table of field patterns, each with a kind, and per
 * kind what a blank does there (with where that behaviour is written down). A field the table
 * does not know gets the mildest grade: berth does not claim a consequence it cannot name.
 */
final class BlankValues {
  private BlankValues() {}

  /** How bad the blank is: a value Docker refuses or that works against intent, a blank optional setting, or nothing. */
  enum Grade { BUG, MILD, NONE }

  /** The grade and what happens, phrased to follow "... becomes ...". */
  record Consequence(Grade grade, String text) {}

  private enum Kind {
    /** distribution/reference grammar; Compose: "invalid reference format". */
    IMAGE,
    /** go-connections nat.ParsePortSpec: an empty host port lets Docker pick one. */
    PORT,
    /** compose-go ServicePortConfig.Published is a string; empty lets Docker pick. */
    PUBLISHED,
    /** compose-go interpolateTypeCastMapping: toInt / toInt64 / toFloat fail on "". */
    NUMBER,
    /** compose-go interpolateTypeCastMapping toBoolean: "invalid boolean". */
    BOOLEAN,
    /** compose-go types.UnitBytes: go-units RAMInBytes("") is "invalid size". */
    SIZE,
    /** compose-go types.Duration: str2duration.ParseDuration("") fails. */
    DURATION,
    /** compose-go format.ParseVolume: "empty section between colons". */
    VOLUME,
    /** A host path Compose resolves against the project directory. */
    PATH,
    /** A container's environment variable: Compose passes it set to "". */
    ENVIRONMENT,
    /** A build argument: an empty value overrides any default of the Dockerfile's ARG. */
    BUILD_ARG,
    /** A label value. */
    LABEL,
    /** An empty driver is Docker's default driver. */
    DRIVER,
    /** x- extension fields: Compose ignores them (they matter where an alias puts them). */
    EXTENSION,
    /** Anything else: the value changes, with no consequence berth can name. */
    TEXT
  }

  private record Entry(List<String> pattern, Kind kind) {
    Entry(String pattern, Kind kind) {
      this(List.of(pattern.split("\\.")), kind);
    }
  }

  private static final String S = "services.*.";

  /** First match wins; "*" is any one key or list index. */
  private static final List<Entry> TABLE = List.of(
      new Entry(S + "image", Kind.IMAGE),
      new Entry(S + "ports.*", Kind.PORT),
      new Entry(S + "ports.*.published", Kind.PUBLISHED),
      new Entry(S + "ports.*.target", Kind.NUMBER),
      new Entry(S + "volumes.*", Kind.VOLUME),
      new Entry(S + "volumes.*.source", Kind.PATH),
      new Entry(S + "volumes.*.read_only", Kind.BOOLEAN),
      new Entry(S + "volumes.*.tmpfs.size", Kind.SIZE),
      new Entry(S + "build", Kind.PATH),
      new Entry(S + "build.context", Kind.PATH),
      new Entry(S + "build.dockerfile", Kind.PATH),
      new Entry(S + "build.args.*", Kind.BUILD_ARG),
      new Entry(S + "build.labels.*", Kind.LABEL),
      new Entry(S + "build.shm_size", Kind.SIZE),
      new Entry(S + "env_file", Kind.PATH),
      new Entry(S + "env_file.*", Kind.PATH),
      new Entry(S + "env_file.*.path", Kind.PATH),
      new Entry(S + "label_file", Kind.PATH),
      new Entry(S + "label_file.*", Kind.PATH),
      new Entry(S + "extends.file", Kind.PATH),
      new Entry("secrets.*.file", Kind.PATH),
      new Entry("configs.*.file", Kind.PATH),
      new Entry(S + "environment.*", Kind.ENVIRONMENT),
      new Entry(S + "labels.*", Kind.LABEL),
      new Entry(S + "deploy.labels.*", Kind.LABEL),
      new Entry("networks.*.labels.*", Kind.LABEL),
      new Entry("volumes.*.labels.*", Kind.LABEL),
      new Entry("networks.*.driver", Kind.DRIVER),
      new Entry("volumes.*.driver", Kind.DRIVER),
      new Entry(S + "cpu_count", Kind.NUMBER),
      new Entry(S + "cpu_percent", Kind.NUMBER),
      new Entry(S + "cpu_period", Kind.NUMBER),
      new Entry(S + "cpu_quota", Kind.NUMBER),
      new Entry(S + "cpu_rt_period", Kind.NUMBER),
      new Entry(S + "cpu_rt_runtime", Kind.NUMBER),
      new Entry(S + "cpus", Kind.NUMBER),
      new Entry(S + "cpu_shares", Kind.NUMBER),
      new Entry(S + "deploy.replicas", Kind.NUMBER),
      new Entry(S + "deploy.update_config.parallelism", Kind.NUMBER),
      new Entry(S + "deploy.update_config.max_failure_ratio", Kind.NUMBER),
      new Entry(S + "deploy.rollback_config.parallelism", Kind.NUMBER),
      new Entry(S + "deploy.rollback_config.max_failure_ratio", Kind.NUMBER),
      new Entry(S + "deploy.restart_policy.max_attempts", Kind.NUMBER),
      new Entry(S + "deploy.placement.max_replicas_per_node", Kind.NUMBER),
      new Entry(S + "healthcheck.retries", Kind.NUMBER),
      new Entry(S + "oom_score_adj", Kind.NUMBER),
      new Entry(S + "pids_limit", Kind.NUMBER),
      new Entry(S + "scale", Kind.NUMBER),
      new Entry(S + "ulimits.*", Kind.NUMBER),
      new Entry(S + "ulimits.*.hard", Kind.NUMBER),
      new Entry(S + "ulimits.*.soft", Kind.NUMBER),
      new Entry(S + "init", Kind.BOOLEAN),
      new Entry(S + "depends_on.*.required", Kind.BOOLEAN),
      new Entry(S + "depends_on.*.restart", Kind.BOOLEAN),
      new Entry(S + "healthcheck.disable", Kind.BOOLEAN),
      new Entry(S + "oom_kill_disable", Kind.BOOLEAN),
      new Entry(S + "privileged", Kind.BOOLEAN),
      new Entry(S + "read_only", Kind.BOOLEAN),
      new Entry(S + "stdin_open", Kind.BOOLEAN),
      new Entry(S + "tty", Kind.BOOLEAN),
      new Entry("networks.*.external", Kind.BOOLEAN),
      new Entry("networks.*.internal", Kind.BOOLEAN),
      new Entry("networks.*.attachable", Kind.BOOLEAN),
      new Entry("networks.*.enable_ipv4", Kind.BOOLEAN),
      new Entry("networks.*.enable_ipv6", Kind.BOOLEAN),
      new Entry("volumes.*.external", Kind.BOOLEAN),
      new Entry("secrets.*.external", Kind.BOOLEAN),
      new Entry("configs.*.external", Kind.BOOLEAN),
      new Entry(S + "mem_limit", Kind.SIZE),
      new Entry(S + "mem_reservation", Kind.SIZE),
      new Entry(S + "memswap_limit", Kind.SIZE),
      new Entry(S + "shm_size", Kind.SIZE),
      new Entry(S + "deploy.resources.limits.memory", Kind.SIZE),
      new Entry(S + "deploy.resources.reservations.memory", Kind.SIZE),
      new Entry(S + "healthcheck.interval", Kind.DURATION),
      new Entry(S + "healthcheck.timeout", Kind.DURATION),
      new Entry(S + "healthcheck.start_period", Kind.DURATION),
      new Entry(S + "healthcheck.start_interval", Kind.DURATION),
      new Entry(S + "stop_grace_period", Kind.DURATION),
      new Entry(S + "deploy.restart_policy.delay", Kind.DURATION),
      new Entry(S + "deploy.restart_policy.window", Kind.DURATION),
      new Entry(S + "deploy.update_config.delay", Kind.DURATION),
      new Entry(S + "deploy.update_config.monitor", Kind.DURATION),
      new Entry(S + "deploy.rollback_config.delay", Kind.DURATION),
      new Entry(S + "deploy.rollback_config.monitor", Kind.DURATION));

  /** The field as a user reads it: {@code services.web.ports[0]}. */
  static String show(List<String> field) {
    StringBuilder b = new StringBuilder();
    for (String k : field) {
      if (!k.isEmpty() && k.chars().allMatch(Character::isDigit)) {
        b.append('[').append(k).append(']');
      } else {
        if (b.length() > 0) b.append('.');
        b.append(k);
      }
    }
    return b.toString();
  }

  /**
   * @param serviceBuilds whether the service the value belongs to has a {@code build} section
   *     (an empty {@code image} then only names the built image)
   */
  static Consequence of(UnsetVariable use, boolean serviceBuilds) {
    List<String> field = use.field();
    String t = use.template();
    String v = use.value();
    Kind kind = kind(field);
    String becomes = "`" + t + "` becomes " + (v.isEmpty() ? "empty" : "`" + v + "`");
    return switch (kind) {
      case EXTENSION -> new Consequence(Grade.NONE, "");
      case IMAGE -> image(t, v, serviceBuilds);
      case PORT -> port(becomes, v);
      case PUBLISHED -> v.isBlank()
          ? bug("the published port is empty, so Docker publishes the container port on a random"
              + " host port")
          : validPorts(v) ? mild(becomes) : bug(becomes + ", which Compose refuses (invalid port)");
      case NUMBER -> v.trim().matches("[-+]?[0-9]+(\\.[0-9]+)?") ? mild(becomes)
          : bug(becomes + ", which Compose refuses (not a number)");
      case BOOLEAN -> List.of("true", "false", "y", "yes", "on", "n", "no", "off")
          .contains(v.trim().toLowerCase(Locale.ROOT)) ? mild(becomes)
          : bug(becomes + ", which Compose refuses (invalid boolean)");
      case SIZE -> v.trim().matches("-?[0-9]+") || Sizes.bytes(v).isPresent() ? mild(becomes)
          : bug(becomes + ", which Compose refuses (invalid size)");
      case DURATION -> DURATION_SYNTAX.matcher(v.trim()).matches() ? mild(becomes)
          : bug(becomes + ", which Compose refuses (invalid duration)");
      case VOLUME -> volume(becomes, use);
      case PATH -> rootedByBlank(use)
          ? bug(becomes + ", a path at the root of the host's filesystem")
          : v.isBlank() && envFile(field)
          ? bug(becomes + ", so the env file's path names the project directory, which"
              + " Compose cannot read as a file")
          : mild(becomes);
      case ENVIRONMENT -> text(t, v, assignment(field, t, v, "the container gets ", "variable"));
      case LABEL -> text(t, v, assignment(field, t, v, "", "label"));
      case BUILD_ARG -> text(t, v, assignment(field, t, v, "the build gets ", "build argument")
          + (assigned(field, v).isEmpty() ? ", which overrides any default of the Dockerfile's ARG"
              : ""));
      case DRIVER -> mild("the driver is empty, so Docker uses its default driver");
      case TEXT -> text(t, v, becomes);
    };
  }

  /** services.X.env_file, its entries, or an entry's {@code path}. */
  private static boolean envFile(List<String> field) {
    int n = field.size();
    return n >= 3 && field.subList(Math.max(0, n - 3), n).contains("env_file");
  }

  private static Kind kind(List<String> field) {
    for (String k : field) {
      if (k.startsWith("x-")) return Kind.EXTENSION;
    }
    for (Entry e : TABLE) {
      if (matches(e.pattern(), field)) return e.kind();
    }
    return Kind.TEXT;
  }

  private static boolean matches(List<String> pattern, List<String> field) {
    if (pattern.size() != field.size()) return false;
    for (int i = 0; i < pattern.size(); i++) {
      if (!pattern.get(i).equals("*") && !pattern.get(i).equals(field.get(i))) return false;
    }
    return true;
  }

  private static Consequence image(String t, String v, boolean serviceBuilds) {
    if (v.isBlank()) {
      return serviceBuilds
          ? mild("`image` is empty, so Compose names the built image after the project and"
              + " service")
          : bug("`image` is empty and the service has no build, so Compose refuses it");
    }
    String becomes = "the image `" + t + "` becomes `" + v + "`";
    return ImageRef.parse(v.trim()).isPresent() ? mild(becomes)
        : bug(becomes + ", which Docker refuses (invalid reference format)");
  }

  /** {@code [[ip:]host:]container[/proto]} as go-connections splits it. */
  private static Consequence port(String becomes, String v) {
    String spec = v.trim();
    int slash = spec.indexOf('/');
    if (slash >= 0) spec = spec.substring(0, slash);
    String[] parts = spec.split(":", -1);
    String container = parts[parts.length - 1];
    if (container.isEmpty()) return bug(becomes + ", which Compose refuses (no container port)");
    if (!validPorts(container)) return bug(becomes + ", which Compose refuses (invalid port)");
    if (parts.length >= 2) {
      String host = parts[parts.length - 2];
      if (host.isEmpty()) {
        return bug(becomes + ", so Docker publishes container port " + container
            + " on a random host port");
      }
      if (!validPorts(host)) return bug(becomes + ", which Compose refuses (invalid port)");
      if (parts.length >= 3 && parts[0].isEmpty()) {
        return mild(becomes + ", so the port is published on every host address");
      }
    }
    return mild(becomes);
  }

  /** A port or port range as nat.parsePortRange accepts it. */
  private static boolean validPorts(String s) {
    Matcher m = PORTS.matcher(s.trim());
    return m.matches() && Integer.parseInt(m.group(1)) <= 65535
        && (m.group(2) == null || Integer.parseInt(m.group(2)) <= 65535);
  }

  private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

  private static Consequence volume(String becomes, UnsetVariable use) {
    String v = use.value();
    if (v.isEmpty()) return bug(becomes + ", which Compose refuses (empty volume)");
    if (v.length() > 2) {
      String spec = v.matches("^[A-Za-z]:[\\\\/].*") ? v.substring(2) : v;
      for (String part : spec.split(":", -1)) {
        if (part.isEmpty()) {
          return bug(becomes + ", which Compose refuses (empty section between colons)");
        }
      }
    }
    if (rootedByBlank(use) && v.indexOf(':') > 0) {
      return bug(becomes + ", which bind-mounts `" + v.substring(0, v.indexOf(':'))
          + "` at the root of the host's filesystem");
    }
    return mild(becomes);
  }

  /**
   * {@code ${DATA}/mysql} → {@code /mysql}: the value starts with this variable, and its blank
   * leaves a path at the root of the host's filesystem.
   */
  private static boolean rootedByBlank(UnsetVariable use) {
    String t = use.template();
    return (t.startsWith("$" + use.name()) || t.startsWith("${" + use.name()))
        && use.value().startsWith("/");
  }

  /**
   * What an environment entry, label or build argument becomes: {@code NAME: value} in a map, or
   * {@code NAME=value} in a list, where the blank may also be in the name.
   *
   * @param subject how the result is introduced ("the container gets ")
   * @param noun what the name names ("variable")
   */
  private static String assignment(List<String> field, String t, String v, String subject,
      String noun) {
    if (listItem(field)) {
      int eq = t.indexOf('=');
      String templateName = eq < 0 ? t : t.substring(0, eq);
      if (templateName.contains("$")) {
        String name = v.indexOf('=') < 0 ? v : v.substring(0, v.indexOf('='));
        return "the " + noun + " name `" + templateName + "` becomes "
            + (name.isEmpty() ? "empty" : "`" + name + "`");
      }
    }
    String name = listItem(field) ? (v.indexOf('=') < 0 ? v : v.substring(0, v.indexOf('=')))
        : last(field);
    String value = assigned(field, v);
    if (noun.equals("label")) {
      return "label " + name + (value.isEmpty() ? " is empty" : " becomes `" + value + "`");
    }
    return value.isEmpty() ? subject + name + " set to an empty string"
        : subject + name + "=" + value;
  }

  /** The value part of a map entry's value or a {@code NAME=value} list item. */
  private static String assigned(List<String> field, String v) {
    if (!listItem(field)) return v;
    int eq = v.indexOf('=');
    return eq < 0 ? "" : v.substring(eq + 1);
  }

  private static boolean listItem(List<String> field) {
    String k = last(field);
    return !k.isEmpty() && k.chars().allMatch(Character::isDigit);
  }

  /** Free text: a warning only when the blank breaks a URL in it. */
  private static Consequence text(String t, String v, String mild) {
    Optional<String> broken = brokenUrl(t, v);
    return broken.map(u -> bug("the URL in `" + t + "` becomes `" + u + "`"
        + (u.endsWith(":") ? ", with no port" : ", with no host"))).orElse(mild(mild));
  }

  private static final Pattern DURATION_SYNTAX =
      Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h|d|w))+)");

  /**
   * A URL in {@code v} whose host or port is empty, when the template had a variable in that
   * URL's authority: {@code http://localhost:${PORT}} → {@code http://localhost:}.
   */
  static Optional<String> brokenUrl(String t, String v) {
    boolean variableInAuthority = false;
    for (int[] u : urls(t)) variableInAuthority |= t.substring(u[1], u[2]).contains("$");
    if (!variableInAuthority) return Optional.empty();
    for (int[] u : urls(v)) {
      String authority = v.substring(u[1], u[2]);
      String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
      if (hostPort.isEmpty() || hostPort.startsWith(":") || hostPort.endsWith(":")) {
        return Optional.of(v.substring(u[0], u[2]));
      }
    }
    return Optional.empty();
  }

  /**
   * The URLs in {@code s}, {@code scheme://authority}, as {start, authority start, end}: a scheme
   * is a letter then letters, digits, '+', '-' or '.'; the authority runs to '/', '?', '#',
   * whitespace, a quote, ',' or ';'. One pass over the text (no regex: the text is the user's).
   */
  private static List<int[]> urls(String s) {
    List<int[]> out = new java.util.ArrayList<>();
    int from = 0;
    for (int sep = s.indexOf("://", from); sep >= 0; sep = s.indexOf("://", from)) {
      int runStart = sep;
      while (runStart > from && schemeChar(s.charAt(runStart - 1))) runStart--;
      int start = runStart;
      while (start < sep && !isAsciiLetter(s.charAt(start))) start++;
      int end = sep + 3;
      while (end < s.length() && "/?#\"',;".indexOf(s.charAt(end)) < 0
          && !Character.isWhitespace(s.charAt(end))) {
        end++;
      }
      if (start < sep) {
        out.add(new int[] {start, sep + 3, end});
        from = end;
      } else {
        from = sep + 1;
      }
    }
    return out;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean schemeChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  }

  private static String last(List<String> field) {
    return field.isEmpty() ? "" : field.get(field.size() - 1);
  }

  private static Consequence bug(String text) {
    return new Consequence(Grade.BUG, text);
  }

  private static Consequence mild(String text) {
    return new Consequence(Grade.MILD, text);
  }
}
