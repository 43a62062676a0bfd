package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;
import org.thunderproject.ec2.localcloud.internal.InstanceRuntime;
import org.thunderproject.ec2.localcloud.internal.model.Directories;

/**
 * Makes every local-cloud instance a real SSH host: an Apache MINA SSHD server on the instance's
 * public and private loopback addresses, which answers only {@link Builder#bootDelay a while} after
 * the instance is running (before that, connections are refused, as on EC2), runs commands with
 * {@code bash -c} (else {@code /bin/sh -c}) in {@code directory/home}, logs in with {@code bash -l}
 * (see {@link NodeLoginFiles}), and offers SFTP, PTY shells and local port forwarding. Stop closes the server, kills every process the instance started (found by an
 * environment marker, even when they left the process tree) and empties {@code directory/mnt};
 * terminate also deletes the directory. The host key lives in the directory, so it survives
 * stop/start. {@link #consoleOutput} shows a cloud-init-like boot with the host key fingerprints.
 *
 * <p>Calls return quickly: slow work (boot after the delay, killing processes, deleting files)
 * runs on the runtime's own daemon threads, in order per instance.
 */
public final class SshInstanceRuntime implements InstanceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SshInstanceRuntime.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Duration bootDelay;
    private final BootHooks boot;
    private final Duration stopGrace;
    private final HostTools tools;
    private final ProcessReaper reaper;
    private final Clock clock = Clock.systemUTC();
    private final RuntimeThreads threads;
    private final Path fifos;
    private final PowerRequests power;
    private final NodeServerFactory servers;
    private final Map<String, InstanceNode> nodes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SshInstanceRuntime(Builder builder) {
        this.bootDelay = builder.bootDelay;
        this.boot = builder.boot;
        this.stopGrace = builder.stopGrace;
        // Amazon Linux's login shell is bash; /bin/sh only where there is no bash.
        this.tools =
                HostTools.find(Files.isExecutable(Path.of("/bin/bash")) ? Path.of("/bin/bash") : Path.of("/bin/sh"));
        this.reaper = new ProcessReaper(UUID.randomUUID().toString(), Path.of("/proc"));
        try { // first: if this fails, no thread has been started yet
            this.fifos = Files.createTempDirectory(
                    "thunder-localcloud-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SSH runtime's private directory", e);
        }
        this.threads = new RuntimeThreads();
        this.power = new PowerRequests(fifos.resolve("power"), threads.timer);
        this.servers = new NodeServerFactory(builder.environment, tools, reaper, power, threads, fifos);
        if (tools.mkfifo().isEmpty()) {
            LOG.warn(
                    "'mkfifo' not found: output of background jobs that outlive their local-cloud SSH command is cut off");
        }
        if (tools.script().isEmpty()) {
            LOG.warn("util-linux 'script' not found: local-cloud PTY sessions will run without a terminal");
        }
    }

    /** A runtime with the defaults: SSH answers 1 s after start, 2 s grace between TERM and KILL. */
    public static SshInstanceRuntime create() {
        return builder().build();
    }

    /** Settings for a runtime. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void started(InstanceHost host) {
        Objects.requireNonNull(host, "host");
        if (closed) {
            throw new IllegalStateException("the SSH runtime is closed");
        }
        InstanceNode node = nodes.computeIfAbsent(host.instanceId(), id -> new InstanceNode(id, clock));
        synchronized (node) {
            if (node.terminated) {
                LOG.warn("{}: started after terminate; ignored", host.instanceId());
                return;
            }
            long generation = ++node.generation;
            if (node.server != null) {
                // Started again without a stop in between: the old server must free the port first.
                LOG.warn("{}: started while its SSH server still runs; restarting SSH", host.instanceId());
                closeServer(host.instanceId(), node.server);
                node.server = null;
            }
            node.host = host;
            node.console.boot(host);
            if (node.pendingBoot != null) {
                node.pendingBoot.cancel(false);
            }
            node.pendingBoot = threads.timer.schedule(
                    () -> enqueueBoot(node, generation), boot.nanos(bootDelay), TimeUnit.NANOSECONDS);
        }
        LOG.debug(
                "{}: started at {} / {}, SSH on port {} in {}",
                host.instanceId(),
                host.publicAddress(),
                host.privateAddress(),
                host.sshPort(),
                bootDelay);
    }

    private void enqueueBoot(InstanceNode node, long generation) {
        synchronized (node) {
            if (generation != node.generation || closed) {
                return;
            }
            node.lane = node.lane.thenRunAsync(() -> guarded(node, () -> boot(node, generation)), threads.lifecycle);
        }
    }

    private void boot(InstanceNode node, long generation) throws IOException {
        InstanceHost host;
        synchronized (node) {
            if (generation != node.generation) {
                return;
            }
            host = node.host;
        }
        Optional<NodeServerFactory.Prepared> prepared = servers.prepare(node, host);
        if (prepared.isEmpty()) {
            return;
        }
        SshServer server = prepared.get().server();
        HostKey hostKey = prepared.get().hostKey();
        synchronized (node) {
            if (generation != node.generation || closed) {
                return; // stopped or restarted while the key was loaded: this boot is void
            }
            try {
                server.start();
            } catch (IOException | RuntimeException e) {
                LOG.error(
                        "{}: SSH cannot listen on {} port {}: {}",
                        host.instanceId(),
                        NodeServer.bindAddresses(host),
                        host.sshPort(),
                        e.toString());
                node.console.append("sshd: error: Bind to port " + host.sshPort() + " failed: " + e.getMessage());
                closeServer(host.instanceId(), server);
                return;
            }
            node.server = server;
            node.console.sshReady(hostKey);
        }
        boot.onSshReady().accept(host.instanceId());
        LOG.debug("{}: SSH listening on {} port {}", host.instanceId(), NodeServer.bindAddresses(host), host.sshPort());
    }

    @Override
    public void stopped(String instanceId) {
        shutDown(instanceId, false);
    }

    @Override
    public void terminated(String instanceId) {
        shutDown(instanceId, true);
    }

    private void shutDown(String instanceId, boolean terminate) {
        Objects.requireNonNull(instanceId, "instanceId");
        InstanceNode node = nodes.get(instanceId);
        if (node == null) {
            return; // never started: nothing runs, no directory of ours
        }
        power.forget(instanceId);
        synchronized (node) {
            node.generation++;
            if (node.pendingBoot != null) {
                node.pendingBoot.cancel(false);
                node.pendingBoot = null;
            }
            // Closed before returning, so the caller can rely on "connection refused" from now on.
            closeServer(instanceId, node.server);
            node.server = null;
            node.console.shutdown();
            if (terminate) {
                node.terminated = true;
            }
            if (closed) {
                return;
            }
            InstanceHost host = node.host;
            node.lane = node.lane.thenRunAsync(
                    () -> guarded(node, () -> cleanUp(node, host, terminate)), threads.lifecycle);
            if (terminate) {
                node.lane.whenComplete((v, e) -> nodes.remove(instanceId, node));
            }
        }
        LOG.debug("{}: {}", instanceId, terminate ? "terminated" : "stopped");
    }

    private void cleanUp(InstanceNode node, InstanceHost host, boolean terminate) throws IOException {
        int killed = reaper.kill(node.instanceId, node.sessions::roots, stopGrace);
        if (killed > 0) {
            LOG.debug("{}: killed {} process(es)", node.instanceId, killed);
        }
        if (host == null) {
            return;
        }
        // Instance store is lost on stop; the root volume (the rest of the directory) is kept.
        Directories.delete(terminate ? host.directory() : host.directory().resolve("mnt"));
    }

    @Override
    public void connect(org.thunderproject.ec2.localcloud.internal.NodePower power) {
        this.power.connect(power);
    }

    @Override
    public String consoleOutput(String instanceId) {
        InstanceNode node = nodes.get(Objects.requireNonNull(instanceId, "instanceId"));
        if (node == null) {
            return "";
        }
        synchronized (node) {
            return node.terminated ? "" : node.console.text();
        }
    }

    /** Closes all servers, kills every process of every instance, and stops the runtime's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (InstanceNode node : nodes.values()) {
            synchronized (node) {
                node.generation++;
                if (node.pendingBoot != null) {
                    node.pendingBoot.cancel(false);
                }
                closeServer(node.instanceId, node.server);
                node.server = null;
                lanes.add(node.lane);
            }
        }
        try {
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("instance clean-up did not finish before close: {}", e.toString());
        }
        // One sweep for all instances: every process this runtime started carries its token.
        int killed = reaper.kill(
                null,
                () -> {
                    List<ProcessHandle> roots = new ArrayList<>();
                    nodes.values().forEach(node -> roots.addAll(node.sessions.roots()));
                    return roots;
                },
                stopGrace);
        power.close();
        threads.close();
        try {
            Directories.delete(fifos);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", fifos, e.toString());
        }
        LOG.debug("SSH runtime closed ({} instance(s), {} process(es) killed)", nodes.size(), killed);
    }

    private static void closeServer(String instanceId, SshServer server) {
        NodeServerFactory.close(instanceId, server);
    }

    private static void guarded(InstanceNode node, IoTask task) {
        try {
            task.run();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: {}", node.instanceId, e.toString(), e);
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /** Settings of a {@link SshInstanceRuntime}. */
    public static final class Builder {
        private Duration bootDelay = Duration.ofSeconds(1);
        private Duration stopGrace = Duration.ofSeconds(2);
        private Map<String, String> environment = Map.of();
        private BootHooks boot = BootHooks.NONE;

        private Builder() {}

        /** How boot delays vary around {@link #bootDelay}, and who hears of SSH ready (default none). */
        public Builder bootHooks(BootHooks hooks) {
            this.boot = Objects.requireNonNull(hooks, "hooks");
            return this;
        }

        /** How long after {@code started} SSH begins to answer (default 1 s; zero for tests). */
        public Builder bootDelay(Duration bootDelay) {
            this.bootDelay = nonNegative(bootDelay, "bootDelay");
            return this;
        }

        /** How long processes get between TERM and KILL when an instance stops (default 2 s). */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = nonNegative(stopGrace, "stopGrace");
            return this;
        }

        /**
         * Extra variables for every process on every instance (for example {@code JAVA_HOME}); they
         * may override HOME, PATH and the like, never the instance markers.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** The runtime; it owns threads until {@link SshInstanceRuntime#close()}. */
        public SshInstanceRuntime build() {
            return new SshInstanceRuntime(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
