package org.thunderproject.ec2.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.cli.Terminal;

/**
 * Progress on a terminal: finished steps as lines, and one live line below them, redrawn in
 * place with a carriage return, showing the current step, the nodes' states and the elapsed time.
 */
public final class LiveProgress implements ProgressView {

    private static final String CLEAR_LINE = "\r\033[K";
    private static final char[] SPINNER = {'|', '/', '-', '\\'};

    private final Terminal terminal;
    private final int width;
    private final Instant start;
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private String step;
    private String stepDetail;
    private Instant stepStart;
    private String waiting;
    private int ticks;
    private boolean lineShown;
    private boolean closed;

    public LiveProgress(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.width = terminal.env("COLUMNS")
                .filter(c -> c.matches("\\d{2,4}"))
                .map(Integer::parseInt)
                .orElse(80);
        this.start = terminal.clock().instant();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "thunder-ec2-progress");
            thread.setDaemon(true);
            return thread;
        });
        // The elapsed time keeps moving while the engine waits quietly.
        ticker.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onEvent(ClusterEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof ClusterEvent.StepStarted started) {
            step = ProgressText.step(started.step());
            stepDetail = started.detail() == null ? "" : started.detail().trim();
            stepStart = terminal.clock().instant();
            waiting = null;
        } else if (event instanceof ClusterEvent.StepFinished finished) {
            permanent(ProgressText.finished(finished));
            step = null;
            waiting = null;
        } else if (event instanceof ClusterEvent.NodeStateChanged node) {
            if (node.to().isGone()) {
                nodes.remove(node.instanceId());
            } else {
                nodes.put(node.instanceId(), node.to());
            }
        } else if (event instanceof ClusterEvent.Waiting wait) {
            waiting = wait.reason();
        } else if (event instanceof ClusterEvent.Warning warning) {
            permanent("warning: " + warning.message());
        }
        draw();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        clear();
        terminal.err().flush();
    }

    private synchronized void tick() {
        if (!closed && step != null) {
            ticks++;
            draw();
        }
    }

    private void draw() {
        if (step == null) {
            clear();
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append('[')
                .append(ProgressText.clock(
                        Duration.between(start, terminal.clock().instant())))
                .append("] ")
                .append(SPINNER[ticks % SPINNER.length])
                .append(' ')
                .append(step);
        // The most telling of: what is awaited, the nodes' states, the step's own detail.
        if (waiting != null) {
            line.append(": ").append(waiting);
        } else if (!nodes.isEmpty()) {
            line.append(": ").append(nodeSummary());
        } else if (!stepDetail.isEmpty()) {
            line.append(": ").append(stepDetail);
        }
        if (stepStart != null) {
            line.append(" (")
                    .append(ProgressText.duration(
                            Duration.between(stepStart, terminal.clock().instant())))
                    .append(')');
        }
        String text = line.length() < width ? line.toString() : line.substring(0, width - 4) + "...";
        PrintWriter err = terminal.err();
        err.print(CLEAR_LINE + text);
        err.flush();
        lineShown = true;
    }

    private String nodeSummary() {
        Map<NodeState, Integer> counts = new EnumMap<>(NodeState.class);
        nodes.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        StringBuilder summary = new StringBuilder();
        counts.forEach((state, count) -> summary.append(summary.length() == 0 ? "" : ", ")
                .append(count)
                .append(' ')
                .append(state.ec2Name()));
        return summary.toString();
    }

    private void permanent(String text) {
        clear();
        terminal.err().println(text);
    }

    private void clear() {
        if (lineShown) {
            terminal.err().print(CLEAR_LINE);
            lineShown = false;
        }
    }
}
