package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.SshAuthenticationException;
import org.thunderproject.ec2.ssh.SshConnectException;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSettings;
import org.thunderproject.ec2.ssh.SshTarget;

/** One connection attempt: TCP, handshake, host-key check, public-key login; errors classified. */
public final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final DefaultConfig config;
    private final KeyPair keyPair;
    private final KnownHostsFile store;
    private final SshSettings settings;

    /** Logs in with {@code keyPair}, checking host keys against {@code store}. */
    public Connector(KeyPair keyPair, KnownHostsFile store, SshSettings settings) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        config.setLoggerFactory(new QuietSshjLogs());
    }

    /** The settings. */
    public SshSettings settings() {
        return settings;
    }

    /** A connected, authenticated client plus the host key it verified. */
    public static final class Connected {
        final SSHClient client;
        final PublicKey hostKey;

        Connected(SSHClient client, PublicKey hostKey) {
            this.client = client;
            this.hostKey = hostKey;
        }

        /** The client. */
        public SSHClient client() {
            return client;
        }

        /** The host key that was verified. */
        public PublicKey hostKey() {
            return hostKey;
        }
    }

    /**
     * Connects once.
     *
     * @param connectTimeout the TCP connect timeout for this attempt
     * @throws SshConnectException unreachable, refused, timed out, dropped during the handshake
     * @throws SshAuthenticationException the key was refused
     * @throws org.thunderproject.ec2.ssh.SshHostKeyException the host key did not verify
     */
    public Connected connect(SshTarget target, Duration connectTimeout) {
        SSHClient client = new SSHClient(config);
        int readMs = (int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis());
        client.setConnectTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())));
        // SO_TIMEOUT bounds the blocking banner exchange; sshj's reader thread shrugs it off later.
        client.setTimeout(readMs);
        client.getTransport().setTimeoutMs(readMs);
        client.getConnection().setTimeoutMs(readMs);
        client.getConnection().getKeepAlive().setKeepAliveInterval((int)
                settings.keepAliveInterval().toSeconds());
        HostKeyCheck check = new HostKeyCheck(target, store);
        client.addHostKeyVerifier(check);
        try {
            client.connect(target.host(), target.port());
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (check.rejection() != null) {
                throw check.rejection();
            }
            throw new SshConnectException(
                    target, "Cannot connect to " + target + ": " + describe(e, connectTimeout), e);
        }
        try {
            client.authPublickey(target.user(), new KeyPairWrapper(keyPair));
        } catch (UserAuthException e) {
            closeQuietly(client);
            if (e.getCause() instanceof TransportException) {
                throw new SshConnectException(
                        target,
                        "Connection to " + target + " dropped during login: " + describe(e.getCause(), connectTimeout),
                        e);
            }
            throw new SshAuthenticationException(
                    target,
                    target.host() + ":" + target.port() + " refused the key "
                            + KeyCodec.fingerprint(keyPair.getPublic())
                            + " (" + KeyCodec.keyType(keyPair.getPublic()) + ") for user '" + target.user() + "'"
                            + (target.hostId().equals(target.host()) ? "" : " on " + target.hostId())
                            + ": use the key pair the host was set up with, or add this public key to the"
                            + " user's ~/.ssh/authorized_keys",
                    e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw new SshConnectException(
                    target, "Connection to " + target + " dropped during login: " + describe(e, connectTimeout), e);
        }
        LOG.debug("Connected to {}", target);
        return new Connected(client, check.accepted());
    }

    static String describe(Throwable e, Duration connectTimeout) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out (connect timeout " + Durations.human(connectTimeout) + ")";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof TransportException && message.contains("EOF")) {
            return "the server closed the connection during the handshake";
        }
        if (e instanceof SocketException) {
            return message.isEmpty() ? "connection reset" : message.toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof SshException) {
            return message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.trace("Closing a failed connection", e);
        }
    }
}
