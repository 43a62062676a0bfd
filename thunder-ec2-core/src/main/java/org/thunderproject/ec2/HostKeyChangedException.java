package org.thunderproject.ec2;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A node presented an SSH host key other than the one thunder-ec2 recorded for it (by instance
 * id, in {@code known_hosts} under {@link ThunderEc2#homeDirectory()}), or, on first contact, one
 * that matches none of the fingerprints the instance printed in its console output. Never retried:
 * it can mean that someone is intercepting the connection. The message names the node, both
 * fingerprints and how to reset the record when the change is known to be harmless (the instance
 * was rebuilt): {@code ssh-keygen -R INSTANCE_ID -f KNOWN_HOSTS}.
 */
public final class HostKeyChangedException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final String presentedFingerprint;
    private final List<String> knownFingerprints;
    private final String knownHostsFile;

    /**
     * A refused host key.
     *
     * @param message what happened and what to do
     * @param instanceId the node
     * @param presentedFingerprint the fingerprint of the key it presented ({@code SHA256:…})
     * @param knownFingerprints the fingerprints recorded (or expected) for it
     * @param knownHostsFile the store that holds the record
     * @param cause the SSH module's exception
     */
    public HostKeyChangedException(
            String message,
            String instanceId,
            String presentedFingerprint,
            List<String> knownFingerprints,
            Path knownHostsFile,
            Throwable cause) {
        super(message, cause);
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.presentedFingerprint = Objects.requireNonNull(presentedFingerprint, "presentedFingerprint");
        this.knownFingerprints = List.copyOf(knownFingerprints);
        this.knownHostsFile =
                Objects.requireNonNull(knownHostsFile, "knownHostsFile").toString();
    }

    /** The node's instance id. */
    public String instanceId() {
        return instanceId;
    }

    /** The fingerprint of the key the node presented. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The fingerprints recorded (or, on first contact, expected) for the node. */
    public List<String> knownFingerprints() {
        return knownFingerprints;
    }

    /** The known-hosts file that holds the node's record. */
    public Path knownHostsFile() {
        return Path.of(knownHostsFile);
    }
}
