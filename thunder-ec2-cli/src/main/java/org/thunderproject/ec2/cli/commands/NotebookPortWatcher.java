package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.NotebookPort;

/**
 * While {@code login} runs: every few seconds, {@link Cluster#syncNotebookPort()} matches port
 * 8888 on {@code NAME-master} to the notebook mode the user set up on the master
 * ({@code setup-notebook} opens it to the authorized addresses, {@code setup-notebook-sshtunnel}
 * closes it) and a line says what changed. The master needs no AWS credentials for this.
 */
final class NotebookPortWatcher implements AutoCloseable {
    /** Well within the 10 s a user waits after {@code setup-notebook} before browsing. */
    static final Duration INTERVAL = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(NotebookPortWatcher.class);

    private final Cluster cluster;
    private final PrintWriter info;
    private final String lineEnd;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private NotebookPortWatcher(Cluster cluster, PrintWriter info, boolean rawTerminal) {
        this.cluster = cluster;
        this.info = info;
        this.lineEnd = rawTerminal ? "\r\n" : "\n"; // a terminal in raw mode does not return the carriage
        this.thread = new Thread(this::watch, "thunder-ec2-notebook-port");
        thread.setDaemon(true);
    }

    /** Starts watching {@code cluster}; lines go to {@code info}. */
    static NotebookPortWatcher start(Cluster cluster, PrintWriter info, boolean rawTerminal) {
        NotebookPortWatcher watcher = new NotebookPortWatcher(cluster, info, rawTerminal);
        watcher.thread.start();
        return watcher;
    }

    private void watch() {
        try {
            do {
                try {
                    NotebookPort port = cluster.syncNotebookPort();
                    if (port.changed()) {
                        say(line(port));
                    }
                } catch (RuntimeException e) {
                    // The session goes on; the next round tries again (a node restarting, a throttled call).
                    LOG.debug("syncing port 8888 with the master's notebook failed (tried again): {}", e.toString());
                }
            } while (!stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String line(NotebookPort port) {
        String group = cluster.name() + "-master";
        return switch (port.mode()) {
            case SSL ->
                "thunder-ec2: opened port 8888 on " + group + " to " + String.join(", ", port.openTo())
                        + " for the SSL notebook (setup-notebook).";
            case TUNNEL ->
                "thunder-ec2: closed port 8888 on " + group + ": the notebook is in SSH tunnel mode"
                        + " (setup-notebook-sshtunnel).";
            case NONE -> "thunder-ec2: closed port 8888 on " + group + ": no notebook is set up on the master.";
        };
    }

    private void say(String line) {
        synchronized (info) {
            info.print(lineEnd + line + lineEnd);
            info.flush();
        }
    }

    /** Stops watching; a sync under way finishes first (bounded by its own timeouts). */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
