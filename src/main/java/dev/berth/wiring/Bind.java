package dev.berth.wiring;

import java.util.Optional;
import java.util.OptionalInt;

/** Where a server accepts connections: a TCP address and port, or a unix socket. */
public sealed interface Bind {

  /** The TCP port, when this is a TCP bind. */
  default OptionalInt tcpPort() {
    return this instanceof Tcp t ? OptionalInt.of(t.port()) : OptionalInt.empty();
  }

  /**
   * A TCP bind.
   *
   * @param host the address as written ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1},
   *     {@code localhost}); empty when berth does not know it
   */
  record Tcp(Optional<String> host, int port) implements Bind {
    /** Bound to the loopback interface only: unreachable from outside the container. */
    public boolean loopback() {
      if (host.isEmpty()) return false;
      String h = host.get();
      return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    @Override
    public String toString() {
      String h = host.orElse("?");
      return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
  }

  /** A unix domain socket. */
  record Unix(String path) implements Bind {
    @Override
    public String toString() {
      return "unix:" + path;
    }
  }

  /**
   * {@code HOST:PORT}, {@code [::]:PORT}, {@code :PORT}, {@code unix:PATH},
   * {@code tcp://HOST:PORT} as servers take them in a bind option; empty when not one of these
   * (a file descriptor, a bare host, a variable).
   */
  static Optional<Bind> parse(String spec) {
    String s = spec;
    if (s.startsWith("unix:")) {
      String path = s.substring(5);
      if (path.startsWith("//")) path = path.substring(2);
      return path.isEmpty() ? Optional.empty() : Optional.of(new Unix(path));
    }
    if (s.startsWith("tcp://") || s.startsWith("http://")) s = s.substring(s.indexOf("://") + 3);
    int colon = s.lastIndexOf(':');
    if (colon < 0) return Optional.empty();
    String host = s.substring(0, colon);
    OptionalInt port = port(s.substring(colon + 1));
    if (port.isEmpty()) return Optional.empty();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.isEmpty()) host = "0.0.0.0";
    if (!host.matches("[A-Za-z0-9.:*_-]+")) return Optional.empty();
    return Optional.of(new Tcp(Optional.of(host), port.getAsInt()));
  }

  /** A decimal port 1-65535. */
  static OptionalInt port(String s) {
    if (!s.matches("\\d{1,5}")) return OptionalInt.empty();
    int p = Integer.parseInt(s);
    return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
  }
}
