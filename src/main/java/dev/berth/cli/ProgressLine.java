package dev.berth.cli;

import dev.berth.rules.Engine;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress line on a terminal's stderr for a run that takes a while: nothing for the first
 * {@code delayMillis} (most runs end before anyone waits), then the phase rewritten in place a
 * few times a second, and erased before the report is printed. Never on a pipe or with
 * {@code -q}: the caller does not make one then ({@link #NONE}).
 */
class ProgressLine implements Engine.Progress, AutoCloseable {
  static final long DELAY_MILLIS = 2000;
  static final long PERIOD_MILLIS = 250;

  static final ProgressLine NONE = new ProgressLine();

  private final PrintStream err;
  private final ScheduledExecutorService timer;
  /** How much judging there is; -1 while the project is still being read. */
  private final AtomicInteger total = new AtomicInteger(-1);
  private final AtomicInteger done = new AtomicInteger();
  /** Whether a line is on the screen (then it must be erased). */
  private boolean shown;
  private boolean closed;
  private String last = "";

  private ProgressLine() {
    this.err = null;
    this.timer = null;
  }

  ProgressLine(PrintStream err, long delayMillis, long periodMillis) {
    this.err = err;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::draw, delayMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void tasks(int n) {
    done.set(0);
    total.set(n);
  }

  @Override
  public void taskDone() {
    done.incrementAndGet();
  }

  private synchronized void draw() {
    if (err == null || closed) return;
    int n = total.get();
    String text = "berth: " + (n < 0 ? "reading the project" : n == 0 ? "judging"
        : "judging (" + done.get() + " of " + n + " files and project checks)") + "...";
    if (text.equals(last)) return;
    last = text;
    // \r and erase-to-end-of-line: the line is rewritten in place
    err.print("\r\u001b[K" + text);
    err.flush();
    shown = true;
  }

  /** Stops drawing and erases the line, if one was drawn: the report starts on a clean line. */
  @Override
  public synchronized void close() {
    if (timer == null) return;
    closed = true;
    timer.shutdownNow();
    if (shown) {
      err.print("\r\u001b[K");
      err.flush();
      shown = false;
    }
  }
}
