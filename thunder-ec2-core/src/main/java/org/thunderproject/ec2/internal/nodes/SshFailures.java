package org.thunderproject.ec2.internal.nodes;

import java.nio.file.Path;
import java.util.List;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.NodeSshException;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.KnownHosts;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshHostKeyException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshNotReadyException;

/** Turns the SSH module's exceptions into thunder-ec2's, naming the node in cluster terms. */
public final class SshFailures {
    private SshFailures() {}

    /** How {@code node} is named in messages: {@code i-0abc (slave at 54.1.2.3)}. */
    public static String describe(NodeRecord node) {
        return node.id() + " (" + node.role().tagValue()
                + node.instance()
                        .publicIp()
                        .or(() -> node.instance().privateIp())
                        .map(a -> " at " + a)
                        .orElse("") + ")";
    }

    /**
     * The thunder-ec2 exception for {@code e} on {@code node}: a refused host key becomes
     * {@link HostKeyChangedException}, a wait that ran out {@link WaitTimeoutException}, an interrupt
     * {@link OperationInterruptedException} (interrupt status set), anything else {@link NodeSshException}. A host key is
     * "changed" when {@code knownHosts} records one for the node, else it failed the console pin.
     */
    public static ThunderEc2Exception translate(NodeRecord node, SshException e, KnownHosts knownHosts) {
        if (e instanceof SshHostKeyException h) {
            return hostKey(node, h, !knownHosts.fingerprints(node.id()).isEmpty());
        }
        if (e instanceof SshInterruptedException) {
            Thread.currentThread().interrupt();
            InterruptedException cause =
                    e.getCause() instanceof InterruptedException i ? i : new InterruptedException();
            return new OperationInterruptedException("SSH to node " + describe(node) + " was interrupted", cause);
        }
        if (e instanceof SshNotReadyException) {
            return new WaitTimeoutException("node " + describe(node) + " did not answer SSH: " + e.getMessage(), e);
        }
        return new NodeSshException(
                "SSH to node " + describe(node) + " failed: " + e.getMessage(), List.of(node.id()), e);
    }

    private static HostKeyChangedException hostKey(NodeRecord node, SshHostKeyException h, boolean recorded) {
        Path file = h.knownHostsFile();
        List<String> known = h.knownFingerprints();
        String id = node.id();
        if (!recorded && known.isEmpty()) {
            // Neither a record nor a pin to compare with: the node's line in the file cannot be read.
            return new HostKeyChangedException(
                    "node " + describe(node) + ": " + h.getMessage(), id, h.presentedFingerprint(), known, file, h);
        }
        String what = recorded
                ? "node " + describe(node) + " presented SSH host key " + h.presentedFingerprint()
                        + ", but the key recorded" + " for " + id + " in " + file + " is " + String.join(", ", known)
                        + ": the host key changed"
                : "node " + describe(node) + " presented SSH host key " + h.presentedFingerprint()
                        + ", which matches none of" + " the fingerprints its console output shows ("
                        + String.join(", ", known) + ")";
        String hint = recorded
                ? " If you know why the key changed (the instance was rebuilt), reset the record with: ssh-keygen -R "
                        + id + " -f " + file
                : " If the console output is stale (the instance was rebuilt), try again once it shows the new keys";
        return new HostKeyChangedException(
                what + ". This can mean that someone is intercepting the connection, so" + " thunder-ec2 refuses it."
                        + hint,
                id,
                h.presentedFingerprint(),
                known,
                file,
                h);
    }
}
