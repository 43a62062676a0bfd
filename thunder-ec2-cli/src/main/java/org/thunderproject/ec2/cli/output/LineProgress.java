package org.thunderproject.ec2.cli.output;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.cli.Terminal;

/**
 * Progress as plain timestamped lines, for logs and pipes (standard error is not a terminal), in
 * the words of the live display: one line per step started and finished, per node's change and
 * per warning. Repeated "waiting" reasons are printed once; each service's step on each node is
 * left to the step's own line.
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
            line(ProgressText.finished(finished));
        } else if (event instanceof ClusterEvent.NodeStateChanged node) {
            line(ProgressText.node(node));
        } else if (event instanceof ClusterEvent.Waiting waiting) {
            if (!waiting.reason().equals(lastWaiting)) {
                lastWaiting = waiting.reason();
                line("waiting: " + waiting.reason());
            }
        } else if (event instanceof ClusterEvent.Warning warning) {
            line("warning: " + warning.message());
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
