package org.thunderproject.ec2.ssh;

import java.util.Objects;

/**
 * What to forward, as with {@code ssh -L}: a local listening address and port (0 = any free
 * port) to a host and port as seen from the remote side. Binds to loopback unless told otherwise.
 */
public final class LocalForward {
    /** The default bind address: IPv4 loopback, so only this machine can use the forward. */
    public static final String LOOPBACK = "127.0.0.1";

    private final String bindAddress;
    private final int localPort;
    private final String remoteHost;
    private final int remotePort;

    private LocalForward(String bindAddress, int localPort, String remoteHost, int remotePort) {
        this.bindAddress = bindAddress;
        this.localPort = localPort;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
    }

    /** {@code 127.0.0.1:localPort} to the remote side's {@code 127.0.0.1:remotePort}. */
    public static LocalForward of(int localPort, int remotePort) {
        return of(LOOPBACK, localPort, LOOPBACK, remotePort);
    }

    /** {@code bindAddress:localPort} to {@code remoteHost:remotePort} as resolved by the remote side. */
    public static LocalForward of(String bindAddress, int localPort, String remoteHost, int remotePort) {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(remoteHost, "remoteHost");
        if (bindAddress.isBlank() || remoteHost.isBlank()) {
            throw new IllegalArgumentException("bind address and remote host must not be blank");
        }
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port must be 0-65535 (0 = any free port), got " + localPort);
        }
        if (remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("remote port must be 1-65535, got " + remotePort);
        }
        return new LocalForward(bindAddress, localPort, remoteHost, remotePort);
    }

    /**
     * Parses {@code L:R} (the seed's {@code --ssh-port-forwarding}; remote host 127.0.0.1),
     * {@code L:host:R}, or {@code bind:L:host:R}, like {@code ssh -L}.
     */
    public static LocalForward parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String[] p = spec.trim().split(":", -1);
        try {
            switch (p.length) {
                case 2:
                    return of(LOOPBACK, port(p[0]), LOOPBACK, port(p[1]));
                case 3:
                    return of(LOOPBACK, port(p[0]), p[1], port(p[2]));
                case 4:
                    return of(p[0], port(p[1]), p[2], port(p[3]));
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Bad port forwarding '" + spec + "': " + e.getMessage()
                            + " (use LOCAL:REMOTE, LOCAL:HOST:REMOTE or BIND:LOCAL:HOST:REMOTE)",
                    e);
        }
        throw new IllegalArgumentException(
                "Bad port forwarding '" + spec + "': use LOCAL:REMOTE, LOCAL:HOST:REMOTE or BIND:LOCAL:HOST:REMOTE");
    }

    /** The local address to listen on. */
    public String bindAddress() {
        return bindAddress;
    }

    /** The local port; 0 means any free port (see {@link PortForward#localPort()}). */
    public int localPort() {
        return localPort;
    }

    /** The host to reach, as resolved on the remote side. */
    public String remoteHost() {
        return remoteHost;
    }

    /** The port to reach on the remote side. */
    public int remotePort() {
        return remotePort;
    }

    /** The {@code -L} argument: {@code bind:local:host:remote}. */
    @Override
    public String toString() {
        return bindAddress + ":" + localPort + ":" + remoteHost + ":" + remotePort;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LocalForward)) {
            return false;
        }
        LocalForward f = (LocalForward) o;
        return localPort == f.localPort
                && remotePort == f.remotePort
                && bindAddress.equals(f.bindAddress)
                && remoteHost.equals(f.remoteHost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, localPort, remoteHost, remotePort);
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a port number", e);
        }
    }
}
