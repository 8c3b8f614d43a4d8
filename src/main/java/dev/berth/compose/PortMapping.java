package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.source.Range;
import java.util.Optional;

/**
 * One {@code ports} entry, short or long syntax.
 *
 * @param hostIp host address to bind, "" for all addresses
 * @param published host port or range ("8080", "8000-8010"); empty when Docker picks one
 * @param target container port or range ("80", "3000-3005")
 * @param protocol "tcp" unless written otherwise
 */
public record PortMapping(String hostIp, Optional<String> published, String target,
    String protocol, Range range) {

  /** First and last published host port, when the published part is a number or number range. */
  public Optional<int[]> publishedPorts() {
    return published.flatMap(PortMapping::range);
  }

  public Optional<int[]> targetPorts() {
    return range(target);
  }

  static Optional<int[]> range(String s) {
    try {
      int dash = s.indexOf('-');
      int a = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
      int b = dash < 0 ? a : Integer.parseInt(s.substring(dash + 1));
      if (a < 0 || b < a || b > 65535) return Optional.empty();
      return Optional.of(new int[] {a, b});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code [[ip:]published:]target[/protocol]}; IPv6 addresses in brackets. Empty if malformed. */
  public static Optional<PortMapping> parseShort(YamlScalar s) {
    String v = s.value().trim();
    String protocol = "tcp";
    int slash = v.lastIndexOf('/');
    if (slash >= 0) {
      protocol = v.substring(slash + 1);
      v = v.substring(0, slash);
    }
    String ip = "";
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0 || close + 1 >= v.length() || v.charAt(close + 1) != ':') return Optional.empty();
      ip = v.substring(1, close);
      v = v.substring(close + 2);
      int c = v.indexOf(':');
      if (c < 0) return Optional.empty();
      return build(ip, v.substring(0, c), v.substring(c + 1), protocol, s.range());
    }
    String[] parts = v.split(":", -1);
    return switch (parts.length) {
      case 1 -> build("", "", parts[0], protocol, s.range());
      case 2 -> build("", parts[0], parts[1], protocol, s.range());
      case 3 -> build(parts[0], parts[1], parts[2], protocol, s.range());
      default -> Optional.empty();
    };
  }

  private static Optional<PortMapping> build(String ip, String published, String target,
      String protocol, Range r) {
    if (range(target).isEmpty()) return Optional.empty();
    if (!published.isEmpty() && range(published).isEmpty()) return Optional.empty();
    return Optional.of(new PortMapping(ip, published.isEmpty() ? Optional.empty()
        : Optional.of(published), target, protocol.isEmpty() ? "tcp" : protocol, r));
  }

  public static Optional<PortMapping> parse(YamlNode n) {
    if (n instanceof YamlScalar s) return parseShort(s);
    if (!(n instanceof YamlMap m)) return Optional.empty();
    String target = text(m, "target");
    if (range(target).isEmpty()) return Optional.empty();
    String published = text(m, "published");
    Range where = m.get("published").map(YamlNode::range).orElse(m.range());
    return Optional.of(new PortMapping(text(m, "host_ip"),
        published.isEmpty() ? Optional.empty() : Optional.of(published), target,
        text(m, "protocol").isEmpty() ? "tcp" : text(m, "protocol"), where));
  }

  private static String text(YamlMap m, String key) {
    return m.get(key).filter(v -> v instanceof YamlScalar).map(v -> ((YamlScalar) v).value())
        .orElse("");
  }
}
