package org.thunderproject.ec2.localcloud.internal.ssh;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Builds the SSH server of one instance boot. Servers share the runtime's I/O threads and timer. */
final class NodeServer {

    private NodeServer() {}

    /**
     * A configured, not yet started server for {@code host}: its host key, publickey auth for its
     * user only ({@code ~/.ssh/authorized_keys}, with its options), commands and shells through
     * {@link NodeCommand}, SFTP, and local forwarding.
     */
    static SshServer create(
            InstanceHost host,
            HostKey hostKey,
            KeyAuthenticator authenticator,
            NodeContext node,
            IoServiceFactoryFactory io,
            ScheduledExecutorService timer) {
        Objects.requireNonNull(host, "host");
        SshServer server = SshServer.setUpDefaultServer();
        server.setIoServiceFactoryFactory(io);
        server.setScheduledExecutorService(timer, false);
        server.setHost(String.join(",", bindAddresses(host)));
        server.setPort(host.sshPort());
        // As Amazon Linux 2023's OpenSSH 8.7: no post-quantum hybrids, which cost ~150 ms of CPU per
        // connection in Java and would dominate a 100-node parallel run on a small machine.
        server.setKeyExchangeFactories(server.getKeyExchangeFactories().stream()
                .filter(kex ->
                        !kex.getName().startsWith("sntrup") && !kex.getName().startsWith("mlkem"))
                .toList());
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey.keyPair()));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator(authenticator);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setGSSAuthenticator(null);
        // The options of the key's authorized_keys line apply: its forced command, no PTY when restricted.
        server.setChannelFactories(NodeChannelSession.replacing(server.getChannelFactories()));
        server.setCommandFactory((channel, command) -> ForcedCommands.exec(node, channel, command));
        server.setShellFactory(channel -> ForcedCommands.shell(node, channel));
        server.setSubsystemFactories(List.of(ForcedCommands.subsystem(node, new NodeSftp(node.home()))));
        server.setFileSystemFactory(NodeSftp.fileSystemFactory(node.home()));
        server.setForwardingFilter(new LoopbackForwarding());
        // A real sshd never drops an idle session; tunnels to a notebook sit idle for long.
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        ioSettings(server);
        return server;
    }

    /** Socket settings of every instance server (also on {@link SharedIo}'s template). */
    static void ioSettings(SshServer server) {
        // Small packets (EOF, exit-status, close) would otherwise wait ~40 ms each for delayed ACKs.
        CoreModuleProperties.TCP_NODELAY.set(server, true);
    }

    /** The public and the private address (once when they are the same). */
    static Set<String> bindAddresses(InstanceHost host) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(host.publicAddress());
        addresses.add(host.privateAddress());
        return addresses;
    }
}
