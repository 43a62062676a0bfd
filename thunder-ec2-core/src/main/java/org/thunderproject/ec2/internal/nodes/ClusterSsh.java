package org.thunderproject.ec2.internal.nodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.PreflightException;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.BatchOptions;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.HostKeyFingerprints;
import org.thunderproject.ec2.ssh.Identity;
import org.thunderproject.ec2.ssh.KnownHosts;
import org.thunderproject.ec2.ssh.SessionTask;
import org.thunderproject.ec2.ssh.Ssh;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshIdentityException;
import org.thunderproject.ec2.ssh.SshSession;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * SSH to the nodes of one cluster, with host keys verified: the seam every phase after
 * {@code SSH_READY} (provisioning, services) and every user-facing SSH operation goes through.
 * Get one from the engine's {@code LaunchContext.ssh()} inside a stage.
 *
 * <ul>
 *   <li>Logs in with the spec's identity file, as {@link ClusterSpec#user()} on
 *       {@link ClusterSpec#sshPort()}, at each node's public address (else its private one).
 *   <li>Host keys live in thunder-ec2's own store, {@code known_hosts} in
 *       {@code ThunderEc2.homeDirectory()}, recorded under the node's <em>instance id</em> (its
 *       address changes on stop/start, its id and key do not).
 *   <li>A node without a recorded key is pinned to the fingerprints its console output shows
 *       (cloud-init's block); if it shows none, its key is trusted on first use, recorded, and a
 *       warning says so. The SSH stage waits for the console first; {@link #pinnedTarget} does not.
 *   <li>Batches ({@link #onEach}, {@link #execAll}) run on up to {@link #PARALLELISM} nodes at once;
 *       one node's failure never stops the others, {@link NodeBatch#requireAllSucceeded} turns
 *       failures into thunder-ec2 exceptions that name the nodes.
 * </ul>
 *
 * <pre>{@code
 * // in a LaunchStage after SSH_READY:
 * ClusterSsh ssh = ctx.ssh();
 * ssh.execAll(ctx.inventory().present(), Exec.of("sudo yum -y install java-17")).requireAllSucceeded("installing Java");
 * ssh.onEach(List.of(master), s -> { s.upload(conf, "spark/conf"); return null; }).requireAllSucceeded("uploading conf");
 * }</pre>
 */
public final class ClusterSsh {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSsh.class);
    /** Nodes a batch works on at once. */
    public static final int PARALLELISM = 64;

    private final ClusterSpec spec;
    private final Ssh ssh;
    private final Ec2Gateway ec2;
    private final Consumer<String> warnings;

    private ClusterSsh(ClusterSpec spec, Ssh ssh, Ec2Gateway ec2, Consumer<String> warnings) {
        this.spec = spec;
        this.ssh = ssh;
        this.ec2 = ec2;
        this.warnings = warnings;
    }

    /**
     * SSH to {@code spec}'s nodes with its identity file, host keys in {@code homeDirectory/known_hosts}.
     *
     * @param ec2 for console output (host key fingerprints)
     * @param warnings told when a key is trusted on first use, and of lines of the known-hosts file that cannot be read
     * @throws PreflightException the spec has no identity file, or it cannot be read
     */
    public static ClusterSsh create(ClusterSpec spec, Path homeDirectory, Ec2Gateway ec2, Consumer<String> warnings) {
        Objects.requireNonNull(homeDirectory, "homeDirectory");
        Objects.requireNonNull(warnings, "warnings");
        KnownHosts knownHosts = KnownHosts.in(homeDirectory);
        // Left alone, but said once per operation: the node such a line names cannot be reached until it is fixed.
        knownHosts
                .unreadableLines()
                .forEach(line -> warnings.accept("known hosts: " + line + "; it is left as it is,"
                        + " and a node it names is refused until it is fixed or removed (ssh-keygen -R INSTANCE_ID -f "
                        + knownHosts.file() + ")"));
        return new ClusterSsh(
                spec, Ssh.create(identity(spec), knownHosts), Objects.requireNonNull(ec2, "ec2"), warnings);
    }

    /**
     * The spec's SSH identity, checked as {@code ssh} would (present, readable by its owner only,
     * a key this library can use); call it before creating anything that will need SSH.
     *
     * @throws PreflightException saying what to do
     */
    public static Identity identity(ClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Path file = spec.identityFile()
                .orElseThrow(() -> new PreflightException("SSH to cluster '" + spec.name()
                        + "' needs the private key file of its key pair: give it with ClusterSpec.builder().keyPair(name, file)"
                        + " (-i on the command line), or stop at LaunchPhase.INFRASTRUCTURE"));
        KeyFiles.checkPermissions(file);
        try {
            return Identity.fromFile(file);
        } catch (SshIdentityException e) {
            throw new PreflightException(e.getMessage());
        }
    }

    /** The SSH transport: identity and known-hosts store (for what this class does not wrap). */
    public Ssh ssh() {
        return ssh;
    }

    /** The known-hosts store, keyed by instance id. */
    public KnownHosts knownHosts() {
        return ssh.knownHosts();
    }

    /**
     * The node as an SSH target: its address (public, else private), the spec's port and user, its
     * instance id as host id; no expected fingerprints (a recorded key decides, else first use).
     *
     * @throws ClusterStateException the node has no address (stopped, or not running yet)
     */
    public SshTarget target(NodeRecord node) {
        String address = node.instance()
                .publicIp()
                .or(() -> node.instance().privateIp())
                .orElseThrow(() -> new ClusterStateException("node " + node.id() + " ("
                        + node.role().tagValue() + ") is " + node.state().ec2Name()
                        + " and has no address to reach it by: start() the cluster first"));
        return SshTarget.of(address, spec.sshPort(), spec.user()).withHostId(node.id());
    }

    /** Whether a host key is recorded for the node. */
    public boolean isKnown(NodeRecord node) {
        return !knownHosts().fingerprints(node.id()).isEmpty();
    }

    /**
     * The host-key fingerprints the node's console output shows now (one GetConsoleOutput call);
     * {@link HostKeyFingerprints#none()} when it shows none yet or cannot be read.
     */
    public HostKeyFingerprints consoleFingerprints(NodeRecord node) {
        try {
            return HostKeyFingerprints.fromConsoleOutput(ec2.consoleOutput(node.id()));
        } catch (CloudException e) {
            LOG.debug("console output of {} cannot be read: {}", node.id(), e.getMessage());
            return HostKeyFingerprints.none();
        }
    }

    /**
     * {@link #target} pinned for first contact: when no key is recorded for the node, to the
     * fingerprints its console output shows now, else (none shown) trusted on first use, with a
     * warning.
     */
    public SshTarget pinnedTarget(NodeRecord node) {
        SshTarget target = target(node);
        if (isKnown(node)) {
            return target;
        }
        HostKeyFingerprints console = consoleFingerprints(node);
        if (console.isEmpty()) {
            trustOnFirstUse(node);
            return target;
        }
        return target.withExpectedHostKeys(console);
    }

    /** Says that {@code node}'s key will be trusted on first use. */
    void trustOnFirstUse(NodeRecord node) {
        warnings.accept("node " + SshFailures.describe(node) + " shows no SSH host key fingerprints in its console"
                + " output: trusting the key it presents on first use and recording it for " + node.id() + " in "
                + knownHosts().file());
    }

    /** {@link #pinnedTarget} of each node, in order. */
    public List<SshTarget> targets(Collection<NodeRecord> nodes) {
        List<SshTarget> targets = new ArrayList<>(nodes.size());
        for (NodeRecord node : nodes) {
            targets.add(pinnedTarget(node));
        }
        return targets;
    }

    /**
     * One connection to {@code node} (no waiting), host key verified; the caller closes it.
     *
     * @throws ThunderEc2Exception as {@link #translate} makes it
     */
    public SshSession connect(NodeRecord node) {
        SshTarget target = pinnedTarget(node);
        try {
            return ssh.connect(target);
        } catch (SshException e) {
            throw translate(node, e);
        }
    }

    /** Runs {@code task} on a session to each node, {@link #PARALLELISM} at once; see {@link NodeBatch}. */
    public <T> NodeBatch<T> onEach(Collection<NodeRecord> nodes, SessionTask<T> task) {
        return onEach(nodes, BatchOptions.defaults().withParallelism(PARALLELISM), task);
    }

    /** Runs {@code task} on a session to each node, with {@code options} (e.g. a ready timeout). */
    public <T> NodeBatch<T> onEach(Collection<NodeRecord> nodes, BatchOptions options, SessionTask<T> task) {
        List<NodeRecord> list = List.copyOf(nodes);
        List<SshTarget> targets = targets(list);
        return new NodeBatch<>(list, ssh.onEach(targets, options, task), knownHosts());
    }

    /** Runs {@code exec} on every node, {@link #PARALLELISM} at once; non-zero exits are results. */
    public NodeBatch<ExecResult> execAll(Collection<NodeRecord> nodes, Exec exec) {
        Objects.requireNonNull(exec, "exec");
        return onEach(nodes, session -> session.exec(exec));
    }

    /** Forgets the node's host key (it was terminated: its id never comes back). */
    public void forget(NodeRecord node) {
        knownHosts().forget(node.id());
    }

    /** The thunder-ec2 exception for an SSH failure on {@code node}; see {@link SshFailures}. */
    public ThunderEc2Exception translate(NodeRecord node, SshException e) {
        return SshFailures.translate(node, e, knownHosts());
    }

    @Override
    public String toString() {
        return "ClusterSsh(" + spec.name() + ", " + ssh + ")";
    }
}
