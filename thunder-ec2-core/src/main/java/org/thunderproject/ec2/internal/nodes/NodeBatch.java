package org.thunderproject.ec2.internal.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.NodeSshException;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.BatchResult;
import org.thunderproject.ec2.ssh.HostResult;
import org.thunderproject.ec2.ssh.KnownHosts;
import org.thunderproject.ec2.ssh.SshException;

/**
 * The per-node results of work done over SSH on several nodes ({@link ClusterSsh#onEach}), in the
 * order the nodes were given.
 *
 * @param nodes the nodes
 * @param batch the SSH module's results, one per node, in the same order
 * @param knownHosts the store the host keys were checked against (for error messages)
 * @param <T> what the work produced per node
 */
public record NodeBatch<T>(List<NodeRecord> nodes, BatchResult<T> batch, KnownHosts knownHosts) {

    /** Checks that there is one result per node. */
    public NodeBatch {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(knownHosts, "knownHosts");
        if (batch.results().size() != nodes.size()) {
            throw new IllegalArgumentException(batch.results().size() + " results for " + nodes.size() + " nodes");
        }
    }

    /** The result of the node at {@code index} (of {@link #nodes()}). */
    public HostResult<T> result(int index) {
        return batch.results().get(index);
    }

    /** The result for {@code node}. */
    public HostResult<T> result(NodeRecord node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(node.id())) {
                return result(i);
            }
        }
        throw new IllegalArgumentException("node " + node.id() + " was not in the batch");
    }

    /** The nodes whose work failed. */
    public List<NodeRecord> failed() {
        List<NodeRecord> failed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!result(i).isSuccess()) {
                failed.add(nodes.get(i));
            }
        }
        return failed;
    }

    /** Every node's value, in node order; throws as {@link #requireAllSucceeded} when one failed. */
    public List<T> values(String what) {
        requireAllSucceeded(what);
        List<T> values = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            values.add(result(i).value().orElse(null));
        }
        return values;
    }

    /**
     * This batch if every node succeeded. Else throws: the {@link HostKeyChangedException} of the
     * first node whose host key was refused (that must never be lost among other errors), an
     * interrupt, or the
     * translated error of a single failed node, or a {@link NodeSshException} listing them all.
     *
     * @param what what was done, for the message (e.g. "running 'hostname'")
     */
    public NodeBatch<T> requireAllSucceeded(String what) {
        List<NodeRecord> failed = failed();
        if (failed.isEmpty()) {
            return this;
        }
        List<ThunderEc2Exception> errors = failed.stream()
                .map(n -> SshFailures.translate(n, result(n).error().orElseThrow(), knownHosts))
                .toList();
        ThunderEc2Exception first = errors.stream()
                .filter(HostKeyChangedException.class::isInstance)
                .findFirst()
                .or(() -> errors.stream()
                        .filter(OperationInterruptedException.class::isInstance)
                        .findFirst())
                .orElse(errors.get(0));
        if (failed.size() == 1
                || first instanceof HostKeyChangedException
                || first instanceof OperationInterruptedException) {
            errors.stream().filter(e -> e != first).forEach(first::addSuppressed);
            throw first;
        }
        String list = failed.stream()
                .limit(20)
                .map(n -> "  " + SshFailures.describe(n) + ": "
                        + result(n).error().map(SshException::getMessage).orElse(""))
                .collect(Collectors.joining("\n"));
        NodeSshException all = new NodeSshException(
                what + " failed on " + failed.size() + " of " + nodes.size() + " nodes:\n" + list
                        + (failed.size() > 20 ? "\n  … and " + (failed.size() - 20) + " more" : ""),
                failed.stream().map(NodeRecord::id).toList(),
                result(failed.get(0)).error().orElseThrow());
        throw all;
    }
}
