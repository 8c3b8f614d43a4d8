package dev.berth.dockerfile;

import java.util.Locale;
import java.util.Optional;

/**
 * One EXPOSE entry after expansion: {@code 80}, {@code 8000-8010/tcp}, {@code 53/udp}. Protocol is
 * lower-cased and defaults to tcp; BuildKit also tolerates (and warns about) {@code ip:host:} parts,
 * which are dropped here as they are for the image config.
 */
public record PortSpec(int start, int end, String protocol) {

  /** Parses like BuildKit's parsePort; empty when BuildKit would reject it. */
  public static Optional<PortSpec> parse(String raw) {
    String[] parts = raw.split(":", -1);
    String container = parts[parts.length - 1];
    int slash = container.indexOf('/');
    String port = slash < 0 ? container : container.substring(0, slash);
    String proto = slash < 0 ? "" : container.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (port.isEmpty()) return Optional.empty();
    if (proto.isEmpty()) proto = "tcp";
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      return Optional.empty();
    }
    int dash = port.indexOf('-');
    String a = dash < 0 ? port : port.substring(0, dash);
    String b = dash < 0 ? a : port.substring(dash + 1);
    Integer start = number(a);
    Integer end = number(b);
    if (start == null || end == null || end < start) return Optional.empty();
    return Optional.of(new PortSpec(start, end, proto));
  }

  /**
   * The error BuildKit's EXPOSE dispatch fails with for {@code raw} (an expanded EXPOSE word), in
   * its words (dockerfile2llb/convert_expose.go parsePort); empty when BuildKit accepts it.
   */
  public static Optional<String> buildKitError(String raw) {
    String[] parts = raw.split(":", -1);
    String container = parts[parts.length - 1];
    String hostPort = parts.length >= 2 ? parts[parts.length - 2] : "";
    int slash = container.indexOf('/');
    String port = slash < 0 ? container : container.substring(0, slash);
    String proto = slash < 0 ? "" : container.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (port.isEmpty()) return Optional.of("invalid port: \"" + raw + "\": no port specified");
    if (!proto.isEmpty() && !proto.equals("tcp") && !proto.equals("udp")
        && !proto.equals("sctp")) {
      return Optional.of("invalid port: \"" + raw + "\": invalid proto: "
          + container.substring(slash + 1));
    }
    if (!validRange(port)) return Optional.of("invalid containerPort: " + port);
    if (!hostPort.isEmpty() && !validRange(hostPort)) {
      return Optional.of("invalid hostPort: " + hostPort);
    }
    return Optional.empty();
  }

  private static boolean validRange(String ports) {
    int dash = ports.indexOf('-');
    String a = dash < 0 ? ports : ports.substring(0, dash);
    String b = dash < 0 ? a : ports.substring(dash + 1);
    Integer start = number(a);
    Integer end = number(b);
    return start != null && end != null && end >= start;
  }

  private static Integer number(String s) {
    if (s.isEmpty() || s.length() > 6) return null;
    int v = 0;
    int i = 0;
    if (s.charAt(0) == '+') i++;
    if (i == s.length()) return null;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return null;
      v = v * 10 + (c - '0');
    }
    return v <= 65535 ? v : null;
  }

  public boolean contains(int port) {
    return port >= start && port <= end;
  }

  @Override
  public String toString() {
    return (start == end ? Integer.toString(start) : start + "-" + end) + "/" + protocol;
  }
}
