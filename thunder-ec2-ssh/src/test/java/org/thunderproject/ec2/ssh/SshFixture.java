package org.thunderproject.ec2.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.thunderproject.ec2.ssh.testing.TestServer;

/**
 * What the SSH contract's tests ({@code *Contract}) see of a test: a client, its key and host key
 * store, a temporary directory, and servers of one kind, started on demand and closed after the
 * test. {@link SshContractTest} provides it; each server kind says how its servers start.
 */
interface SshFixture {
    /** Short timeouts and retry delays: every server is on loopback. */
    SshSettings FAST = SshSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withReadTimeout(Duration.ofSeconds(15))
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(500));

    /** This test's temporary directory. */
    Path tmp();

    /** The host key store of {@link #ssh()}, in {@link #tmp()}. */
    KnownHosts knownHosts();

    /** The key {@link #ssh()} logs in with; {@link #server(int)} authorizes it. */
    Identity identity();

    /** The client under test. */
    Ssh ssh();

    /** Closes {@code c} after the test (last registered, first closed). */
    <T extends AutoCloseable> T closeLater(T c);

    /** A started server at {@link #address(int) address(n)}, any port, new host key, {@link #identity()} authorized. */
    default TestServer server(int n) {
        return server(n, 0, newHostKey());
    }

    /** A started server at {@link #address(int) address(n)} with {@link #identity()} authorized. */
    default TestServer server(int n, int port, Object hostKey) {
        TestServer s = closeLater(startServer(address(n), port, hostKey));
        s.authorize(identity().authorizedKey());
        return s;
    }

    /** A new host key for this kind of server. */
    Object newHostKey();

    /** Starts a server of this kind (port 0 = any free port). */
    TestServer startServer(String address, int port, Object hostKey);

    /** A loopback address for this kind of server, numbered 1..250. */
    String address(int n);

    /** The user this kind of server logs in. */
    String user();

    /** A port on {@code address} that nothing listens on (a host whose SSH server is not up yet). */
    static int freePort(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
