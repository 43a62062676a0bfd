package org.thunderproject.ec2;

import java.util.Objects;
import java.util.Optional;

/**
 * The seed's {@code setup-notebook-sshtunnel} plus {@code login --ssh-port-forwarding L:8888}:
 * the notebook server on the master's loopback address ({@code 127.0.0.1}), plain HTTP behind a
 * random token (or the user's password), reached through an SSH local forward from
 * {@code localhost:L} on this machine that lives as long as the {@link Notebook}.
 * {@link Notebook#url()} is {@code http://localhost:L/?token=…}. Nothing is opened in the
 * security groups, and a port 8888 rule left by {@link SslNotebook} is revoked.
 *
 * <p>On the local cloud, nodes share this machine's loopback: the server listens on the
 * machine's {@code 127.0.0.1:REMOTE_PORT} (reachable by local processes, as an EC2 master's
 * loopback is by its own), never on a node's own addresses; choose another
 * {@link #remotePort(int) remote port} to keep several such clusters (or a notebook of your own)
 * apart.
 *
 * <pre>{@code
 * try (Notebook nb = cluster.openNotebook(SshTunnelNotebook.onLocalPort(8888))) {
 *   System.out.println("browse " + nb.url());
 * }
 * }</pre>
 */
public final class SshTunnelNotebook implements NotebookAccess {
    /** The seed's remote port. */
    public static final int DEFAULT_REMOTE_PORT = 8888;

    private final int localPort;
    private final int remotePort;
    private final String password;

    private SshTunnelNotebook(int localPort, int remotePort, String password) {
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.password = password;
    }

    /**
     * Forwarding {@code localhost:localPort} (0: any free port) to the notebook, which listens on
     * the master's loopback port {@value #DEFAULT_REMOTE_PORT}, behind a random token.
     */
    public static SshTunnelNotebook onLocalPort(int localPort) {
        checkPort(localPort, true, "localPort");
        return new SshTunnelNotebook(localPort, DEFAULT_REMOTE_PORT, null);
    }

    /** The same, with the server on another loopback port of the master. */
    public SshTunnelNotebook remotePort(int port) {
        checkPort(port, false, "remotePort");
        return new SshTunnelNotebook(localPort, port, password);
    }

    /**
     * The same, behind the user's password instead of a token (hashed on the master, never logged).
     *
     * @throws IllegalArgumentException the password is empty or has a line break
     */
    public SshTunnelNotebook withPassword(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the notebook password must be non-empty and on one line");
        }
        return new SshTunnelNotebook(localPort, remotePort, password);
    }

    /** The local port asked for; 0 means any free one ({@link Notebook#url()} tells which). */
    public int localPort() {
        return localPort;
    }

    @Override
    public int remotePort() {
        return remotePort;
    }

    /** The user's password; empty for token authentication. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    private static void checkPort(int port, boolean zeroAllowed, String name) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(
                    name + " must be within " + (zeroAllowed ? 0 : 1) + "-65535, got " + port);
        }
    }

    /** Ports and the kind of authentication, never the password. */
    @Override
    public String toString() {
        return "SshTunnelNotebook(localhost:" + localPort + " -> master 127.0.0.1:" + remotePort + ", "
                + (password == null ? "token" : "given password") + ")";
    }
}
