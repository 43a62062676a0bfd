package org.thunderproject.ec2.cli.output;

import org.thunderproject.ec2.cli.Terminal;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.thunderproject.ec2.ClusterEvent;

/**
 * Progress as plain timestamped lines, for logs and pipes (standard error is not a terminal).
 * Repeated "waiting" reasons are printed once.
 */
public final class LineProgress implements ProgressView {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Terminal terminal;
  private String lastWaiting;

  public LineProgress(Terminal terminal) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
  }

  @Override
  public synchronized void onEvent(ClusterEvent event) {
    if (event instanceof ClusterEvent.StepStarted started) {
      lastWaiting = null;
      line(ProgressText.started(started));
    } else if (event instanceof ClusterEvent.StepFinished finished) {
      line(ProgressText.step(finished.step()) + ": done in " + ProgressText.duration(finished.took()));
    } else if (event instanceof ClusterEvent.NodeStateChanged node) {
      line(ProgressText.node(node));
    } else if (event instanceof ClusterEvent.Waiting waiting) {
      if (!waiting.reason().equals(lastWaiting)) {
        lastWaiting = waiting.reason();
        line("waiting: " + waiting.reason());
      }
    } else if (event instanceof ClusterEvent.Warning warning) {
      line("warning: " + warning.message());
    } else {
      line(String.valueOf(event));
    }
  }

  @Override
  public void close() {}

  private void line(String text) {
    PrintWriter err = terminal.err();
    err.println(LocalTime.now(terminal.clock()).format(TIME) + " " + text);
    err.flush();
  }
}
