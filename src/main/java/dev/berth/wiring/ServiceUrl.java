package dev.berth.wiring;

import dev.berth.source.Range;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network address one service's environment hands to its programs: a URL
 * ({@code DATABASE_URL=postgresql://app:pw@db:5432/app}) or a host variable
 * ({@code REDIS_HOST=redis} with {@code REDIS_PORT=6379} beside it), split into its parts. A part
 * berth cannot know (a {@code $} left for the container's shell, a port that is no number) is
 * empty; {@code host} is never empty (an address without a host is no address).
 *
 * @param variable the environment variable's name
 * @param value the value as Compose hands it to the container
 * @param at where the value is written (the compose file or the env_file)
 * @param scheme lower-cased, empty for a bare host variable
 * @param host lower-cased; IPv6 literals keep their brackets
 * @param port the explicit port, or the one from the {@code *_PORT} variable beside a host
 *     variable; empty when none is written (the scheme's default applies)
 * @param portKnown false when a port is written but berth cannot read it
 */
public record ServiceUrl(String variable, String value, Range at, Optional<String> scheme,
    String host, OptionalInt port, boolean portKnown, String path) {

  /**
   * Parses {@code scheme://[user[:password]@]host[:port][/path]}; empty for anything else,
   * including several hosts ({@code mongodb://a:1,b:2}) and a host berth cannot read.
   */
  public static Optional<ServiceUrl> parse(String variable, String value, Range at) {
    int sep = value.indexOf("://");
    if (sep <= 0 || !value.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return Optional.empty();
    }
    String scheme = value.substring(0, sep).toLowerCase(Locale.ROOT);
    int start = sep + 3;
    int end = start;
    while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) end++;
    String authority = value.substring(start, end);
    String path = value.substring(end);
    // The password may hold '@': the host follows the last one.
    int at1 = authority.lastIndexOf('@');
    String hostPort = authority.substring(at1 + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) return Optional.empty();
      host = hostPort.substring(0, close + 1);
      if (close + 1 < hostPort.length()) {
        if (hostPort.charAt(close + 1) != ':') return Optional.empty();
        portText = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (colon >= 0) portText = hostPort.substring(colon + 1);
    }
    if (!readableHost(host)) return Optional.empty();
    OptionalInt port = OptionalInt.empty();
    boolean portKnown = true;
    if (portText != null && !portText.isEmpty()) {
      port = number(portText);
      portKnown = port.isPresent();
    }
    return Optional.of(new ServiceUrl(variable, value, at, Optional.of(scheme),
        host.toLowerCase(Locale.ROOT), port, portKnown, path));
  }

  /** A bare host ({@code REDIS_HOST=redis}), with the port written beside it, if any. */
  public static Optional<ServiceUrl> host(String variable, String value, Range at,
      Optional<String> port) {
    String host = value.strip();
    if (!readableHost(host)) return Optional.empty();
    OptionalInt p = port.map(ServiceUrl::number).orElse(OptionalInt.empty());
    return Optional.of(new ServiceUrl(variable, value, at, Optional.empty(),
        host.toLowerCase(Locale.ROOT), p, port.isEmpty() || p.isPresent(), ""));
  }

  /** A host name or address berth can read: no shell variable, no list, no blank. */
  private static boolean readableHost(String host) {
    if (host.isEmpty() || host.length() > 253) return false;
    if (host.startsWith("[")) return host.matches("\\[[0-9A-Fa-f:.]+\\]");
    return host.matches("[A-Za-z0-9_.-]+");
  }

  private static OptionalInt number(String text) {
    if (!text.matches("\\d{1,5}")) return OptionalInt.empty();
    int n = Integer.parseInt(text);
    return n >= 1 && n <= 65535 ? OptionalInt.of(n) : OptionalInt.empty();
  }

  /** One DNS label, no dots: a name only Docker's resolver (or /etc/hosts) can answer. */
  public boolean singleLabel() {
    return host.matches("[a-z0-9_-]+") && !host.matches("\\d+") ;
  }

  /** localhost, 127.0.0.0/8 or ::1: the container itself. */
  public boolean loopback() {
    return host.equals("localhost") || host.matches("127\\.\\d+\\.\\d+\\.\\d+")
        || host.equals("[::1]") || host.equals("0.0.0.0");
  }
}
