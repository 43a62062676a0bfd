package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;

/**
 * Sets, cancels and restarts the autostop agent ({@code autostop-agent.sh}) on every node over
 * SSH. The setting lives on the nodes ({@code ~/.thunder-ec2/autostop/autostop.conf}), so it
 * outlives a stop and a start, which restarts the agent wherever the file is. See the agent
 * script for how idleness is decided.
 */
public final class AutostopAgents {
    /** The agent's directory on a node, relative to the home directory. */
    public static final String DIRECTORY = ".thunder-ec2/autostop";

    private static final String RESOURCES = "/org/thunderproject/ec2/services/autostop/";
    // Only the redirected command goes to the background: a backgrounded list would keep the
    // session's output open (and the session with it) for as long as the agent runs.
    private static final String START =
            "cd \"$HOME\"/" + DIRECTORY + " && { nohup bash autostop-agent.sh" + " >> agent.log 2>&1 < /dev/null & }";

    private final ClusterSsh ssh;

    /** Agents reached through {@code ssh}. */
    public AutostopAgents(ClusterSsh ssh) {
        this.ssh = ssh;
    }

    /**
     * After SSH is ready (launch, start, resume, addSlaves): sets {@code idle} (the spec's, else the
     * cluster's own) on every node if there is one, else restarts the agent on the nodes that keep a
     * setting from before: not those in {@code launchedNow}, whose disks are the image's (a second
     * SSH round to every new node would find nothing to restart).
     */
    public void afterSshReady(Inventory inventory, ClusterSpec spec, Optional<Duration> idle, Set<String> launchedNow) {
        if (idle.isPresent()) {
            configure(inventory, spec, idle);
        } else {
            restart(inventory.present().stream()
                    .filter(n -> !launchedNow.contains(n.id()))
                    .toList());
        }
    }

    /** Sets (or with an empty {@code idle} cancels) autostop on every present node of {@code inventory}. */
    public void configure(Inventory inventory, ClusterSpec spec, Optional<Duration> idle) {
        NodeRecord master = requireRunning(inventory, spec);
        List<NodeRecord> nodes = inventory.present();
        AutostopReporter reporter =
                AutostopReporter.of(nodes, master, spec.user(), spec.sshPort(), ssh.knownHosts(), idle.isPresent());
        configure(nodes, master, idle, spec.sshPort(), reporter);
    }

    /** The master, once every present node of {@code inventory} is known to run; else a ClusterStateException. */
    public NodeRecord requireRunning(Inventory inventory, ClusterSpec spec) {
        NodeRecord master = inventory
                .master()
                .orElseThrow(() -> new ClusterStateException("cluster '" + spec.name() + "' has no master ("
                        + inventory.state() + "): resume() launches it"));
        List<NodeRecord> nodes = inventory.present();
        for (NodeRecord node : nodes) {
            if (node.state() != NodeState.RUNNING) {
                throw new ClusterStateException("node " + SshFailures.describe(node) + " of cluster '" + spec.name()
                        + "' is " + node.state().ec2Name() + ": start() the cluster before setting autostop");
            }
        }
        return master;
    }

    /**
     * Installs the agent and its setting on every node of {@code nodes} and (re)starts it, or, with
     * an empty {@code idle}, removes the setting (the agents exit at their next check). The
     * {@code reporter} (slaves' sessions reported to the master) is set up or removed first.
     */
    private void configure(
            List<NodeRecord> nodes,
            NodeRecord master,
            Optional<Duration> idle,
            int sshPort,
            AutostopReporter reporter) {
        String masterAddress = master.instance()
                .privateIp()
                .orElseThrow(() -> new IllegalStateException("master " + master.id() + " has no private address"));
        for (NodeRecord node : nodes) {
            try (SshSession session = ssh.connect(node)) {
                requireSuccess(session.exec(Exec.of("sh -s")
                        .withStdin(reporter.script(node) + installer(node, master, masterAddress, idle, sshPort))));
            } catch (SshException e) {
                throw ssh.translate(node, e);
            }
        }
    }

    /** Restarts the agent on each node that has a setting (after a start or a resume). */
    public void restart(List<NodeRecord> nodes) {
        ssh.execAll(nodes, Exec.of("[ ! -f \"$HOME\"/" + DIRECTORY + "/autostop.conf ] || { " + START + " }"))
                .values("restart autostop")
                .forEach(AutostopAgents::requireSuccess);
    }

    private static String installer(
            NodeRecord node, NodeRecord master, String masterAddress, Optional<Duration> idle, int sshPort) {
        StringBuilder s =
                new StringBuilder("set -e\nmkdir -p \"$HOME\"/" + DIRECTORY + "\ncd \"$HOME\"/" + DIRECTORY + "\n");
        if (idle.isEmpty()) {
            return s.append("rm -f autostop.conf\n").toString();
        }
        for (String script : List.of("autostop-agent.sh", "autostop-poweroff.sh", "autostop-report.sh")) {
            ShellFiles.replace(s, ".", script, resource(script));
        }
        long seconds = Math.max(1, idle.get().toSeconds());
        long interval = Math.max(1, Math.min(30, seconds / 4));
        String role = node.id().equals(master.id()) ? "master" : "slave";
        ShellFiles.replace(
                s,
                ".",
                "autostop.conf",
                String.join(
                        "\n",
                        "idle_seconds=" + seconds,
                        "interval_seconds=" + interval,
                        "role=" + role,
                        "instance=" + node.id(),
                        "master_address=" + masterAddress,
                        "ssh_port=" + sshPort));
        s.append(START).append('\n');
        return s.toString();
    }

    private static void requireSuccess(ExecResult result) {
        if (result == null || result.exitStatus().orElse(-1) != 0) {
            throw new IllegalStateException("the autostop agent could not be set up: "
                    + (result == null
                            ? "no result"
                            : "exit status " + result.exitStatus() + ", "
                                    + result.stderr().strip()));
        }
    }

    private static String resource(String name) {
        try (InputStream in = AutostopAgents.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from thunder-ec2's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
