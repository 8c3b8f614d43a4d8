package dev.berth.wiring;

import dev.berth.source.Range;

/**
 * A request route of a proxy to a TCP host and port: nginx {@code proxy_pass},
 * {@code fastcgi_pass}, {@code uwsgi_pass}, {@code grpc_pass}, directly or through an
 * {@code upstream} block. Only routes whose host and port are written literally are kept.
 *
 * @param directive the directive as written ({@code proxy_pass http://127.0.0.1:8001})
 * @param at where it is written (the config file, or the RUN/COPY that put it there)
 * @param via the {@code upstream} server line it goes through, when it does
 * @param portAt where the port's digits are written, when they are plain text in a project file
 *     (a fix may change them there)
 */
public record ProxyRoute(String directive, String host, int port, Range at,
    java.util.Optional<Range> via, java.util.Optional<Range> portAt) {

  /** The proxy's own container: {@code localhost}, {@code 127.0.0.1}, {@code ::1}. */
  public boolean local() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
        || host.equals("[::1]");
  }
}
