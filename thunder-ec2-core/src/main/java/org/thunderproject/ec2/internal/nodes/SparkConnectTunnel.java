package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;
import org.thunderproject.ec2.ssh.PortForward;

/**
 * A {@link SparkConnect}: an SSH forward to the master's Spark Connect port, returned only once a
 * gRPC server answers through it. gRPC is HTTP/2, so "answers" means: after the HTTP/2 client
 * preface, the server sends its SETTINGS frame (a forward whose far end refuses closes instead).
 */
public final class SparkConnectTunnel implements SparkConnect {
    /** How long the server may take to answer (it is up after launch or start; this covers a slow first accept). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int READ_TIMEOUT_MILLIS = 5000;
    /** The HTTP/2 connection preface and an empty SETTINGS frame (RFC 9113, 3.4 and 6.5). */
    private static final byte[] PREFACE = concat(
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

    private static final int SETTINGS_FRAME_TYPE = 4;
    private static final String SERVICE = "spark-connect";

    private final PortForward forward;

    private SparkConnectTunnel(PortForward forward) {
        this.forward = forward;
    }

    /**
     * Wraps {@code forward} once Spark Connect answers through it; closes it and throws when it does
     * not within {@link #ANSWER_TIMEOUT}.
     *
     * @param what names the server for the error, like "cluster 'demo' (master 127.0.0.1:15002)"
     * @param masterId the master's instance id, for the error
     */
    public static SparkConnect open(PortForward forward, String what, String masterId) {
        Objects.requireNonNull(forward, "forward");
        try {
            Wait.of("Spark Connect of " + what, ANSWER_TIMEOUT, Backoff.growing(POLL), "opening Spark Connect")
                    .until(
                            () -> answers(forward.localPort()) ? Round.done(true) : Round.pending("no answer yet"),
                            last -> {
                                throw new ServiceException(
                                        "Spark Connect of " + what + " does not answer through the SSH tunnel after "
                                                + ANSWER_TIMEOUT.toSeconds()
                                                + "s: it runs only on a cluster provisioned through LaunchPhase.SERVICES"
                                                + " (resume() or start() the cluster; its log is ~/spark/logs/spark-connect.out on the master)",
                                        SERVICE,
                                        ServiceStep.HEALTH_CHECK,
                                        List.of(masterId));
                            });
            return new SparkConnectTunnel(forward);
        } catch (RuntimeException e) {
            forward.close();
            throw e;
        }
    }

    /** Whether a gRPC (HTTP/2) server answers on the loopback's {@code port}. */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(9);
            return header.length == 9 && header[3] == SETTINGS_FRAME_TYPE;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public String url() {
        return "sc://localhost:" + forward.localPort();
    }

    @Override
    public int localPort() {
        return forward.localPort();
    }

    @Override
    public boolean isOpen() {
        return forward.isOpen();
    }

    @Override
    public void close() {
        forward.close();
    }

    @Override
    public String toString() {
        return "SparkConnect(" + url() + (isOpen() ? "" : ", closed") + ")";
    }
}
