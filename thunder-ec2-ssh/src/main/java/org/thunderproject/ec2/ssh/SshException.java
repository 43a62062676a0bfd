package org.thunderproject.ec2.ssh;

import java.util.Optional;

/**
 * The base of every exception the SSH module throws. Unchecked; the message names the host and
 * says what to do. Messages never contain key material, passphrases or file contents.
 */
public class SshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SshTarget target;

    /** An exception about {@code target} (may be null when no host is involved). */
    public SshException(SshTarget target, String message) {
        super(message);
        this.target = target;
    }

    /** An exception about {@code target} (may be null when no host is involved), with its cause. */
    public SshException(SshTarget target, String message, Throwable cause) {
        super(message, cause);
        this.target = target;
    }

    /** The host this is about, when there is one. */
    public Optional<SshTarget> target() {
        return Optional.ofNullable(target);
    }
}
