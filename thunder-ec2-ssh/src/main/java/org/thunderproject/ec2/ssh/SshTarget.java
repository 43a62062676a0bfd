package org.thunderproject.ec2.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SSH host: its address, port and login user, plus the stable id its host key is recorded
 * under (an EC2 instance id, say, because addresses change on stop/start) and, optionally, the
 * host-key fingerprints it is expected to present on first contact.
 *
 * <pre>{@code
 * SshTarget node = SshTarget.of("54.1.2.3", 22, "ec2-user")
 *     .withHostId("i-0abc123")
 *     .withExpectedHostKeys(HostKeyFingerprints.fromConsoleOutput(consoleText));
 * }</pre>
 */
public final class SshTarget {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._%+@:\\[\\]/-]+");

    private final String host;
    private final int port;
    private final String user;
    private final String hostId;
    private final HostKeyFingerprints expectedHostKeys;

    private SshTarget(String host, int port, String user, String hostId, HostKeyFingerprints expectedHostKeys) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.hostId = hostId;
        this.expectedHostKeys = expectedHostKeys;
    }

    /**
     * A host on {@code port}; its host id defaults to {@code host} for port 22, else
     * {@code [host]:port} (the names OpenSSH uses in {@code known_hosts}).
     */
    public static SshTarget of(String host, int port, String user) {
        checkWord(host, "host");
        checkWord(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        return new SshTarget(host, port, user, defaultHostId(host, port), HostKeyFingerprints.none());
    }

    /** A host on port 22. */
    public static SshTarget of(String host, String user) {
        return of(host, 22, user);
    }

    /**
     * The same target recorded under {@code hostId} in the known-hosts store (letters, digits and
     * {@code . _ % + @ : [ ] / -}; no spaces, commas or wildcards).
     */
    public SshTarget withHostId(String hostId) {
        checkWord(hostId, "hostId");
        if (!NAME.matcher(hostId).matches()) {
            throw new IllegalArgumentException(
                    "hostId may hold only letters, digits and . _ % + @ : [ ] / -, got '" + hostId + "'");
        }
        return new SshTarget(host, port, user, hostId, expectedHostKeys);
    }

    /** The same host (same host id) reached at another address, e.g. after a stop/start. */
    public SshTarget withAddress(String host, int port) {
        SshTarget moved = of(host, port, user);
        return new SshTarget(moved.host, moved.port, user, hostId, expectedHostKeys);
    }

    /** The same target, logging in as {@code user}. */
    public SshTarget withUser(String user) {
        checkWord(user, "user");
        return new SshTarget(host, port, user, hostId, expectedHostKeys);
    }

    /**
     * The same target, pinned on first contact to these fingerprints (e.g. from the instance's
     * console output). Once a key is recorded for the host id, the recorded key decides.
     */
    public SshTarget withExpectedHostKeys(HostKeyFingerprints fingerprints) {
        return new SshTarget(host, port, user, hostId, Objects.requireNonNull(fingerprints, "fingerprints"));
    }

    /** The address (name or IP) to connect to. */
    public String host() {
        return host;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The login user. */
    public String user() {
        return user;
    }

    /** The id the host key is recorded under. */
    public String hostId() {
        return hostId;
    }

    /** Fingerprints the host should present on first contact; empty means trust on first use. */
    public HostKeyFingerprints expectedHostKeys() {
        return expectedHostKeys;
    }

    /** {@code user@host:port}, plus the host id when it is not the default. */
    @Override
    public String toString() {
        String address = user + "@" + host + ":" + port;
        return hostId.equals(defaultHostId(host, port)) ? address : address + " (" + hostId + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SshTarget)) {
            return false;
        }
        SshTarget t = (SshTarget) o;
        return port == t.port
                && host.equals(t.host)
                && user.equals(t.user)
                && hostId.equals(t.hostId)
                && expectedHostKeys.equals(t.expectedHostKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, user, hostId, expectedHostKeys);
    }

    private static String defaultHostId(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private static void checkWord(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.startsWith("-") || value.chars().anyMatch(c -> c <= ' ' || c == ',')) {
            throw new IllegalArgumentException(
                    name + " must be non-empty, without spaces or commas, and not start with '-': '" + value + "'");
        }
    }
}
