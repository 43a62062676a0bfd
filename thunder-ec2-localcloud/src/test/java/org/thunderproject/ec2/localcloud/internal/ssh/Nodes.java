package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * Test fixture: an {@link SshInstanceRuntime}, a user key pair (also as an OpenSSH identity file),
 * fresh loopback addresses and ports, and the ways to reach a node: OpenSSH with strict host key
 * checking against the key the console printed, or MINA's client verifying the same key.
 */
final class Nodes implements AutoCloseable {

    static final String USER = "ec2-user";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final Path root;
    final SshInstanceRuntime runtime;
    final KeyPair userKey;
    final Path identity;
    final String authorizedKey;
    private final AtomicInteger nextHost =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(2, 120));
    private final java.util.Map<String, PublicKey> expectedHostKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private SshClient client;

    Nodes(Path root, SshInstanceRuntime runtime) {
        this.root = root;
        this.runtime = runtime;
        try {
            this.userKey = KeyUtils.generateKeyPair("ssh-rsa", 2048);
            this.identity = writeIdentity(root.resolve("id_rsa"), userKey);
            this.authorizedKey = PublicKeyEntry.toString(userKey.getPublic()) + " test@thunder";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Nodes withBootDelay(Path root, Duration bootDelay) {
        return new Nodes(
                root,
                SshInstanceRuntime.builder()
                        .bootDelay(bootDelay)
                        .stopGrace(Duration.ofSeconds(2))
                        .build());
    }

    static Path writeIdentity(Path file, KeyPair key) throws Exception {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test@thunder", null, out);
        }
        return file;
    }

    /** A new instance id, its directory, a public address on 127.0.5.x and a private one on 127.0.6.x. */
    InstanceHost newHost() {
        return newHost(authorizedKey);
    }

    InstanceHost newHost(String authorizedKeys) {
        int n = nextHost.getAndIncrement();
        String publicAddress = "127.0.5." + n;
        String privateAddress = "127.0.6." + n;
        String id = "i-" + HexFormat.of().formatHex(randomBytes(9)).substring(0, 17);
        return new InstanceHost(
                id,
                publicAddress,
                privateAddress,
                freePort(publicAddress, privateAddress, "127.0.7." + n),
                USER,
                authorizedKeys,
                root.resolve(id));
    }

    /** The same instance after stop/start: a new public address (127.0.7.x), all else kept. */
    static InstanceHost restarted(InstanceHost host) {
        String n = host.publicAddress().substring(host.publicAddress().lastIndexOf('.') + 1);
        return new InstanceHost(
                host.instanceId(),
                "127.0.7." + n,
                host.privateAddress(),
                host.sshPort(),
                host.user(),
                host.authorizedKey(),
                host.directory());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** A port free on all the addresses right now. */
    static int freePort(String... addresses) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket()) {
                first.bind(new InetSocketAddress(addresses[0], 0));
                int port = first.getLocalPort();
                if (freeOnAll(port, addresses)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port on " + List.of(addresses));
    }

    private static boolean freeOnAll(int port, String... addresses) {
        for (int i = 1; i < addresses.length; i++) {
            try (ServerSocket other = new ServerSocket()) {
                other.bind(new InetSocketAddress(addresses[i], port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** True when a TCP connection is refused outright (nothing listens). */
    static boolean refuses(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when an SSH server greets on the address. */
    static boolean answers(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] greeting = new byte[8];
            int n = in.readNBytes(greeting, 0, greeting.length);
            return n == greeting.length && new String(greeting, StandardCharsets.US_ASCII).startsWith("SSH-2.0");
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitSsh(InstanceHost host) {
        Poll.until(
                "SSH on " + host.publicAddress() + ":" + host.sshPort(),
                TIMEOUT,
                () -> answers(host.publicAddress(), host.sshPort()));
    }

    /** Starts {@code host} and waits until its console shows the host keys (SSH is up by then). */
    void startAndAwait(InstanceHost host) {
        runtime.started(host);
        Poll.until("host keys of " + host.instanceId(), TIMEOUT, () -> !hostKeys(host)
                .isEmpty());
        awaitSsh(host);
    }

    /** The lines between BEGIN and END of {@code block} in the console. */
    static List<String> block(String console, String block) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : console.split("\n")) {
            if (line.equals("-----BEGIN " + block + "-----")) {
                inside = true;
            } else if (line.equals("-----END " + block + "-----")) {
                inside = false;
            } else if (inside) {
                lines.add(line);
            }
        }
        return lines;
    }

    List<String> hostKeys(InstanceHost host) {
        return block(runtime.consoleOutput(host.instanceId()), "SSH HOST KEY KEYS");
    }

    PublicKey hostKey(InstanceHost host) {
        List<String> keys = hostKeys(host);
        if (keys.size() != 1) {
            throw new AssertionError("expected one host key in the console, got " + keys);
        }
        try {
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(keys.get(0))
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A known_hosts file that trusts exactly the key the console printed, for both addresses. */
    Path knownHosts(InstanceHost host) {
        StringBuilder text = new StringBuilder();
        for (String key : hostKeys(host)) {
            String[] parts = key.split(" ");
            for (String address : List.of(host.publicAddress(), host.privateAddress())) {
                text.append('[')
                        .append(address)
                        .append("]:")
                        .append(host.sshPort())
                        .append(' ')
                        .append(parts[0])
                        .append(' ')
                        .append(parts[1])
                        .append('\n');
            }
        }
        try {
            Path file = Files.createTempFile(root, "known_hosts", "");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OpenSsh.Result ssh(InstanceHost host, String command) {
        return ssh(host, null, command);
    }

    OpenSsh.Result ssh(InstanceHost host, byte[] stdin, String command) {
        return OpenSsh.ssh(
                identity, knownHosts(host), host.user(), host.publicAddress(), host.sshPort(), stdin, command);
    }

    /** A MINA client session, authenticated, that accepted only the host key the console printed. */
    ClientSession session(InstanceHost host, String address) throws IOException {
        expectedHostKeys.put(address + ":" + host.sshPort(), hostKey(host));
        ClientSession session = client().connect(host.user(), address, host.sshPort())
                .verify(TIMEOUT)
                .getSession();
        session.addPublicKeyIdentity(userKey);
        session.auth().verify(TIMEOUT);
        return session;
    }

    synchronized SshClient client() {
        if (client == null) {
            client = SshClient.setUpDefaultClient();
            org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(client, true);
            client.setServerKeyVerifier((s, remote, key) -> {
                InetSocketAddress inet = (InetSocketAddress) remote;
                PublicKey expected = expectedHostKeys.get(inet.getAddress().getHostAddress() + ":" + inet.getPort());
                return expected != null && KeyUtils.compareKeys(expected, key);
            });
            client.start();
        }
        return client;
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            synchronized (this) {
                if (client != null) {
                    client.stop();
                }
            }
        }
    }
}
