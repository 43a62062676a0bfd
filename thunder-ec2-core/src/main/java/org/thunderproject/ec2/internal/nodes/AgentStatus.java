package org.thunderproject.ec2.internal.nodes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;

/**
 * Reads what a node's autostop agent found at its last check: its {@code state} ("idle" or
 * "busy (WHY)") and {@code idle-since} (epoch seconds) files, with the node's own clock, in one
 * short command. Only a live agent's files count: a dead agent's would show an idle time that
 * grows without anything ever stopping.
 */
public final class AgentStatus {
    // One line each: state, idle-since, the node's clock; nothing when no agent runs.
    static final String READ = "cd \"$HOME\"/" + AutostopAgents.DIRECTORY + " 2>/dev/null && [ -f autostop.conf ]"
            + " && kill -0 \"$(cat agent.pid 2>/dev/null)\" 2>/dev/null && cat state idle-since && date +%s";

    private final ClusterSsh ssh;

    /** Agents reached through {@code ssh}. */
    public AgentStatus(ClusterSsh ssh) {
        this.ssh = ssh;
    }

    /** What {@code node}'s agent last found; empty when no agent runs there. */
    public Optional<IdleStatus> read(NodeRecord node) {
        try (SshSession session = ssh.connect(node)) {
            ExecResult result = session.exec(Exec.of(READ));
            return result.exitStatus().orElse(-1) == 0 ? parse(result.stdout()) : Optional.empty();
        } catch (SshException e) {
            throw ssh.translate(node, e);
        }
    }

    /** The status in {@link #READ}'s output; empty when it is not what a live agent writes. */
    static Optional<IdleStatus> parse(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        if (lines.size() != 3) {
            return Optional.empty();
        }
        String state = lines.get(0);
        long since;
        long now;
        try {
            since = Long.parseLong(lines.get(1));
            now = Long.parseLong(lines.get(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (state.equals("idle")) {
            return Optional.of(new IdleStatus(Duration.ofSeconds(Math.max(0, now - since)), Optional.empty()));
        }
        if (state.startsWith("busy")) {
            String why = state.substring("busy".length()).strip();
            if (why.startsWith("(") && why.endsWith(")")) {
                why = why.substring(1, why.length() - 1).strip();
            }
            return Optional.of(new IdleStatus(Duration.ZERO, Optional.of(why.isEmpty() ? "busy" : why)));
        }
        return Optional.empty();
    }
}
