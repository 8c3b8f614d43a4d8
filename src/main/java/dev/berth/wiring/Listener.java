package dev.berth.wiring;

import dev.berth.runtime.Proc;
import dev.berth.source.Range;

/**
 * One address a process of a container listens on.
 *
 * @param proc the process
 * @param bind where it listens
 * @param origin where that is decided: the command line that starts it, or the config directive
 * @param how how a message names it ({@code gunicorn}, {@code nginx (listen 8080)})
 */
public record Listener(Proc proc, Bind bind, Range origin, String how) {}
