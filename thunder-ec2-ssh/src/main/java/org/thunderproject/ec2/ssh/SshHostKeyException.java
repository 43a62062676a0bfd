package org.thunderproject.ec2.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The host presented a key that does not verify: it differs from the key recorded for its host id,
 * or it matches none of the fingerprints the host was expected to have. Never retried: it can mean
 * that someone is intercepting the connection. The message says what changed and how to reset it.
 */
public final class SshHostKeyException extends SshException {
    private static final long serialVersionUID = 1L;

    private final String hostId;
    private final String presentedFingerprint;
    private final List<String> knownFingerprints;
    private final transient Path knownHostsFile;

    /**
     * A host-key failure.
     *
     * @param target the host
     * @param message what happened and what to do
     * @param presentedFingerprint the fingerprint of the key the host presented
     * @param knownFingerprints the fingerprints recorded or expected for the host id
     * @param knownHostsFile the known-hosts file involved
     */
    public SshHostKeyException(
            SshTarget target,
            String message,
            String presentedFingerprint,
            List<String> knownFingerprints,
            Path knownHostsFile) {
        super(Objects.requireNonNull(target, "target"), message);
        this.hostId = target.hostId();
        this.presentedFingerprint = Objects.requireNonNull(presentedFingerprint, "presentedFingerprint");
        this.knownFingerprints = List.copyOf(knownFingerprints);
        this.knownHostsFile = Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    }

    /** The host id the key was checked for. */
    public String hostId() {
        return hostId;
    }

    /** The fingerprint ({@code SHA256:…}) of the key the host presented. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The fingerprints recorded or expected for the host id. */
    public List<String> knownFingerprints() {
        return knownFingerprints;
    }

    /** The known-hosts file that holds (or would hold) the host's key. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }
}
