package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * Makes the SSH server of a booting instance, not started yet: checks its addresses are loopback,
 * prepares its directories, power commands and login files, seeds its authorized keys on first
 * boot, loads its host key, and builds the key check and the environment its processes get.
 */
final class NodeServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NodeServerFactory.class);
    private static final Duration SERVER_CLOSE_WAIT = Duration.ofSeconds(5);

    /** A server ready to start, and the host key it offers. */
    record Prepared(SshServer server, HostKey hostKey) {}

    private final Map<String, String> environment;
    private final HostTools tools;
    private final ProcessReaper reaper;
    private final PowerRequests power;
    private final RuntimeThreads threads;
    private final Path fifos;

    NodeServerFactory(
            Map<String, String> environment,
            HostTools tools,
            ProcessReaper reaper,
            PowerRequests power,
            RuntimeThreads threads,
            Path fifos) {
        this.environment = Map.copyOf(environment);
        this.tools = tools;
        this.reaper = reaper;
        this.power = power;
        this.threads = threads;
        this.fifos = fifos;
    }

    /** The server of {@code host}; empty, with the reason on the node's console, when it may have none. */
    Optional<Prepared> prepare(InstanceNode node, InstanceHost host) throws IOException {
        for (String address : NodeServer.bindAddresses(host)) {
            if (!LoopbackForwarding.isLoopback(address)) {
                LOG.error("{}: SSH not started: {} is not a loopback address", host.instanceId(), address);
                synchronized (node) {
                    node.console.append(
                            "sshd: error: refusing to listen on " + address + " (the local cloud stays on loopback)");
                }
                return Optional.empty();
            }
        }
        Path home = host.directory().toAbsolutePath().resolve("home");
        Files.createDirectories(home);
        Files.createDirectories(host.directory().resolve("mnt"));
        Path sbin = NodePowerCommands.write(
                host.directory().toAbsolutePath().resolve("sbin"), power.directory(), host.instanceId());
        HostKey hostKey = HostKey.loadOrCreate(host.directory(), "root@" + ConsoleLog.hostName(host));
        try {
            CloudInitSshKeys.seed(host.directory().toAbsolutePath(), home, host.authorizedKey());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: SSH not started: {}", host.instanceId(), e.getMessage());
            synchronized (node) {
                node.console.append("sshd: error: unusable authorized key for " + host.user() + "; not starting");
            }
            return Optional.empty();
        }
        KeyAuthenticator authenticator =
                new KeyAuthenticator(host.instanceId(), host.user(), AuthorizedKeysFile.in(host.instanceId(), home));
        Map<String, String> extra = new LinkedHashMap<>(environment);
        extra.put(NodeLoginFiles.ROOT_VARIABLE, home.getParent().toString()); // the node's "/" (see NodeLoginFiles)
        Map<String, String> env = NodeProcessEnvironment.of(
                host.user(), home, sbin, tools.shell(), extra, reaper.markers(host.instanceId()));
        // The login files put this PATH (the node's own sbin first) back after the host's /etc/profile.
        NodeLoginFiles.install(host.directory().toAbsolutePath(), home, env.get("PATH"));
        NodeContext context =
                new NodeContext(host.instanceId(), host.user(), home, env, node.sessions, tools, threads.io, fifos);
        SshServer server = NodeServer.create(
                host, hostKey, authenticator, context, threads.sharedIo.factoryFactory(), threads.timer);
        return Optional.of(new Prepared(server, hostKey));
    }

    /** Closes {@code server} (if any) and waits a while for it; logs rather than throws. */
    static void close(String instanceId, SshServer server) {
        if (server == null) {
            return;
        }
        try {
            if (!server.close(true).await(SERVER_CLOSE_WAIT)) {
                LOG.warn("{}: SSH server did not close within {}", instanceId, SERVER_CLOSE_WAIT);
            }
        } catch (IOException e) {
            LOG.warn("{}: closing the SSH server failed: {}", instanceId, e.toString());
        }
    }
}
