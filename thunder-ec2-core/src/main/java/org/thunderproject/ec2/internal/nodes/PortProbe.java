package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;

/**
 * Waits until a booting node accepts TCP connections on its SSH port, without speaking SSH: a
 * node's SSH server starts when its boot is nearly done, which is also when its console output
 * shows the host key fingerprints, so asking for the console only then keeps GetConsoleOutput to
 * about one call per node.
 */
public final class PortProbe {
    /** How long one connection attempt may take (a booting EC2 instance drops packets at first). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest pause between attempts: a probe is no API call, and a port seen open a poll
     * interval late makes the whole launch that late when it is the slowest node's.
     */
    static final Duration MAX_INTERVAL = Duration.ofMillis(100);

    private PortProbe() {}

    /**
     * Returns true as soon as {@code host:port} accepts a connection, polling every
     * {@code pollInterval} (at most {@link #MAX_INTERVAL}); false when {@code untilNanos} (a
     * {@link System#nanoTime()}) passes first.
     */
    public static boolean awaitOpen(String host, int port, long untilNanos, Duration pollInterval, String operation) {
        Duration left = Duration.ofNanos(Math.max(0, untilNanos - System.nanoTime()));
        Duration interval = pollInterval.compareTo(MAX_INTERVAL) < 0 ? pollInterval : MAX_INTERVAL;
        return Wait.of("port " + port + " of " + host, left, Backoff.fixed(interval), operation)
                .until(
                        () -> isOpen(host, port) ? Round.done(true) : Round.pending("port " + port + " closed"),
                        last -> false);
    }

    /** Whether {@code host:port} accepts a TCP connection now. */
    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
