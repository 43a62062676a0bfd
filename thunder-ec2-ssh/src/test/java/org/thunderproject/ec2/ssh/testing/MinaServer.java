package org.thunderproject.ec2.ssh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.shell.InvertedShell;
import org.apache.sshd.server.shell.ProcessShell;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An Apache MINA SSHD server like a local-cloud node: public-key auth against keys added at run
 * time, commands via {@code /bin/sh -c}, SFTP, direct-tcpip forwarding, and shells on a real
 * pseudo-terminal (through util-linux {@code script}, sized from the PTY request).
 */
public final class MinaServer implements TestServer {
    private final SshServer sshd;
    private final KeyPair hostKey;
    private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();
    private final Map<Path, List<String>> observedModes = new ConcurrentHashMap<>();

    private MinaServer(SshServer sshd, KeyPair hostKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
    }

    /** Starts on {@code host} (a comma-separated list binds several addresses) and {@code port} (0 = any). */
    public static MinaServer start(String host, int port, KeyPair hostKey) {
        SshServer sshd = SshServer.setUpDefaultServer();
        MinaServer server = new MinaServer(sshd, hostKey);
        sshd.setHost(host);
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator(
                (user, key, session) -> server.authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        sshd.setCommandFactory(
                (channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        sshd.setShellFactory(MinaServer::ptyShell);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(server.modeRecorder());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("MINA SSHD did not start on " + host + ":" + port, e);
        }
        return server;
    }

    // A real PTY via script(1); MINA's own TTY emulation is switched off so nothing is echoed twice.
    private static org.apache.sshd.server.command.Command ptyShell(ChannelSession channel) throws IOException {
        Map<String, String> env = channel.getEnvironment().getEnv();
        String columns = env.getOrDefault(Environment.ENV_COLUMNS, "80");
        String lines = env.getOrDefault(Environment.ENV_LINES, "24");
        String inner = "stty cols " + Integer.parseInt(columns) + " rows " + Integer.parseInt(lines)
                + " 2>/dev/null; exec /bin/sh -i";
        ProcessShellFactory factory = new ProcessShellFactory("script", "script", "-qfec", inner, "/dev/null") {
            @Override
            protected InvertedShell createInvertedShell(ChannelSession ch) {
                return new ProcessShell(getElements()) {
                    @Override
                    protected Map<PtyMode, Integer> resolveShellTtyOptions(Map<PtyMode, Integer> modes) {
                        return Map.of();
                    }
                };
            }
        };
        return factory.createShell(channel);
    }

    // Records a file's permissions when it is opened and before each write lands: what anyone
    // on the node could have seen while the client was writing it.
    private SftpEventListener modeRecorder() {
        return new SftpEventListener() {
            @Override
            public void open(ServerSession session, String remoteHandle, Handle localHandle) {
                record(localHandle.getFile());
            }

            @Override
            public void writing(
                    ServerSession session,
                    String remoteHandle,
                    FileHandle localHandle,
                    long offset,
                    byte[] data,
                    int dataOffset,
                    int dataLen) {
                record(localHandle.getFile());
            }
        };
    }

    private void record(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                observedModes
                        .computeIfAbsent(file.toAbsolutePath(), f -> new CopyOnWriteArrayList<>())
                        .add(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The permissions {@code file} had each time SFTP opened it or was about to write to it. */
    public List<String> observedModes(Path file) {
        return List.copyOf(observedModes.getOrDefault(file.toAbsolutePath(), List.of()));
    }

    @Override
    public String host() {
        return ((InetSocketAddress) sshd.getBoundAddresses().iterator().next()).getHostString();
    }

    @Override
    public int port() {
        return sshd.getPort();
    }

    /** Every address and port bound (one per host given at start). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        for (SocketAddress a : sshd.getBoundAddresses()) {
            all.add((InetSocketAddress) a);
        }
        return all;
    }

    @Override
    public String user() {
        return "thunder";
    }

    @Override
    public void authorize(String authorizedKeyLine) {
        try {
            authorized.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKeyLine)
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not an authorized_keys line", e);
        }
    }

    @Override
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    @Override
    public String consoleOutput() {
        // MINA's own fingerprint code, independent of the code under test.
        String fp = KeyUtils.getFingerPrint(hostKey.getPublic());
        return TestServer.cloudInitConsole(KeyUtils.getKeySize(hostKey.getPublic()) + " " + fp + " root@mina (ECDSA)");
    }

    @Override
    public boolean resizablePty() {
        return false;
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "MinaServer[" + host() + ":" + port() + "]";
    }
}
