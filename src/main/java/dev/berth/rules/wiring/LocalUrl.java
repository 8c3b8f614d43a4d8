package dev.berth.rules.wiring;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL a curl or wget probe fetches from its own container ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}, {@code 0.0.0.0}), with the port it connects to: the one
 * written, else the scheme's (http 80, https 443). curl and wget take a URL without a scheme as
 * http.
 *
 * @param text the URL as written
 * @param port the TCP port connected to
 * @param explicitPort the port is written in the URL
 * @param portStart where the port's digits start in {@code text} (after the colon), or where a
 *     {@code :port} would go
 * @param portEnd where they end
 */
record LocalUrl(String text, int port, boolean explicitPort, int portStart, int portEnd) {

  private static final Pattern URL = Pattern.compile(
      "(?:(https?)://)?(localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\])(?::(\\d{1,5}))?(?:[/?#].*)?");

  /**
   * Options after which curl or wget does not connect where the URL says (a unix socket, a proxy,
   * a host mapping) or reads more options from a file.
   */
  private static final List<String> ELSEWHERE = List.of("--unix-socket", "--abstract-unix-socket",
      "-x", "--proxy", "--resolve", "--connect-to", "-K", "--config", "-e", "--execute",
      "-i", "--input-file", "--preproxy", "--socks5", "--socks5-hostname", "--socks4");

  /**
   * The one local URL that a {@code curl} or {@code wget} command probes; empty when it is not
   * such a command, names no local URL or several URLs, or may connect elsewhere.
   */
  static Optional<LocalUrl> probed(List<String> command) {
    if (command.isEmpty()) return Optional.empty();
    String program = HealthProbes.basename(command.get(0));
    if (!program.equals("curl") && !program.equals("wget")) return Optional.empty();
    LocalUrl found = null;
    int urls = 0;
    for (String a : command.subList(1, command.size())) {
      if (a.contains("$") || ELSEWHERE.contains(a)) return Optional.empty();
      for (String o : ELSEWHERE) if (o.startsWith("--") && a.startsWith(o + "=")) return Optional.empty();
      if (a.startsWith("-")) continue;
      if (a.contains("://")) urls++;
      Matcher m = URL.matcher(a);
      if (!m.matches()) continue;
      if (found != null) return Optional.empty();
      boolean explicit = m.group(3) != null;
      int port = explicit ? Integer.parseInt(m.group(3))
          : "https".equals(m.group(1)) ? 443 : 80;
      if (port < 1 || port > 65535) return Optional.empty();
      found = explicit ? new LocalUrl(a, port, true, m.start(3), m.end(3))
          : new LocalUrl(a, port, false, m.end(2), m.end(2));
      if (m.group(1) == null) urls++;
    }
    return found != null && urls == 1 ? Optional.of(found) : Optional.empty();
  }
}
