package org.thunderproject.ec2.internal.nodes;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.HostResult;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.ShellOptions;
import org.thunderproject.ec2.ssh.SshCommandLine;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * The user's SSH operations on a running cluster (run, copy, forward, login, the ssh command
 * line, Spark Connect's tunnel, submit), over {@link ClusterSsh}, on the nodes of one {@link Inventory}.
 */
public final class NodeOperations {
    /** Set in a login shell on the master: {@code "L:R …"}, the login's forwards. */
    static final String FORWARDS_VARIABLE = "THUNDER_EC2_FORWARDS";

    private final String cluster;
    private final Inventory inventory;
    private final ClusterSsh ssh;

    public NodeOperations(String cluster, Inventory inventory, ClusterSsh ssh) {
        this.cluster = cluster;
        this.inventory = inventory;
        this.ssh = ssh;
    }

    /** The selected nodes, master first; each must be running. */
    List<NodeRecord> select(NodeSelector selector) {
        Objects.requireNonNull(selector, "selector");
        List<NodeRecord> nodes = new ArrayList<>();
        if (selector.includes(NodeRole.MASTER)) {
            nodes.add(master());
        }
        if (selector.includes(NodeRole.SLAVE)) {
            List<NodeRecord> slaves = inventory.present(NodeRole.SLAVE);
            if (slaves.isEmpty()) {
                throw new ClusterStateException(
                        "cluster '" + cluster + "' has no slaves (" + inventory.state() + "): resume() launches them");
            }
            slaves.forEach(NodeOperations::requireRunning);
            nodes.addAll(slaves);
        }
        return nodes;
    }

    /** The master; throws when the cluster has none. */
    public NodeRecord master() {
        NodeRecord master = inventory
                .master()
                .orElseThrow(() -> new ClusterStateException(
                        "cluster '" + cluster + "' has no master (" + inventory.state() + "): resume() launches it"));
        requireRunning(master);
        return master;
    }

    private static void requireRunning(NodeRecord node) {
        if (node.state() != NodeState.RUNNING) {
            throw new ClusterStateException(
                    "node " + node.id() + " (" + node.role().tagValue() + ") is "
                            + node.state().ec2Name() + ", not running: "
                            + (node.state() == NodeState.PENDING
                                    ? "wait for the launch to finish (or resume() it)"
                                    : "start() the cluster first"));
        }
    }

    public List<CommandResult> run(String command, NodeSelector selector) {
        Exec exec = Exec.of(command);
        List<NodeRecord> nodes = select(selector);
        NodeBatch<ExecResult> batch = ssh.execAll(nodes, exec).requireAllSucceeded("running '" + command + "'");
        List<CommandResult> results = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            HostResult<ExecResult> r = batch.result(i);
            ExecResult e = r.value().orElseThrow();
            results.add(new CommandResult(nodes.get(i).toNode(), e.exitCode(), e.stdout(), e.stderr(), r.duration()));
        }
        return List.copyOf(results);
    }

    public void copy(Path local, String remotePath, NodeSelector selector) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remotePath, "remotePath");
        if (!Files.exists(local)) {
            throw new IllegalArgumentException("nothing to copy: " + local + " does not exist");
        }
        if (remotePath.isBlank()) {
            throw new IllegalArgumentException("the remote path must not be blank");
        }
        ssh.onEach(select(selector), session -> {
                    session.upload(local, remotePath);
                    return null;
                })
                .requireAllSucceeded("copying " + local + " to " + remotePath);
    }

    public PortForward forward(LocalForward forward) {
        NodeRecord master = master();
        SshTarget target = ssh.pinnedTarget(master);
        try {
            return ssh.ssh().forward(target, forward);
        } catch (SshException e) {
            throw ssh.translate(master, e);
        }
    }

    public SparkConnect sparkConnect(int localPort, int remotePort) {
        NodeRecord master = master();
        PortForward forward = forward(LocalForward.of(localPort, remotePort));
        return SparkConnectTunnel.open(
                forward,
                "cluster '" + cluster + "' (master " + master.id() + ", 127.0.0.1:" + remotePort + ")",
                master.id());
    }

    public int login(InputStream in, OutputStream out, ShellOptions options) {
        NodeRecord master = master();
        SshTarget target = ssh.pinnedTarget(master);
        ShellOptions shell = options;
        if (!options.forwards().isEmpty()) {
            // Tells the master which local ports reach which of its ports (thunder prints localhost:L).
            shell = options.withEnvironment(Map.of(
                    FORWARDS_VARIABLE,
                    options.forwards().stream()
                            .filter(f -> f.localPort() > 0)
                            .map(f -> f.localPort() + ":" + f.remotePort())
                            .collect(Collectors.joining(" "))));
        }
        try {
            return ssh.ssh().login(target, shell, in, out);
        } catch (SshException e) {
            throw ssh.translate(master, e);
        }
    }

    public SshCommandLine sshCommand() {
        NodeRecord master = master();
        if (!ssh.isKnown(master)) {
            // The command checks the key against the store: record it first, pinned as always.
            try (SshSession session = ssh.connect(master)) {
                session.isOpen();
            }
        }
        return ssh.ssh().commandLine(ssh.target(master));
    }
}
