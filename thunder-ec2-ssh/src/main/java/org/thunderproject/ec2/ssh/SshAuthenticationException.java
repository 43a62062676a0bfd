package org.thunderproject.ec2.ssh;

/**
 * The host refused the key for the user. A booting host does this until its authorized keys are
 * installed, so {@link Ssh#connectWhenReady} retries it; a single {@link Ssh#connect} does not.
 */
public final class SshAuthenticationException extends SshException {
    private static final long serialVersionUID = 1L;

    /** A refused key; the message names the user, the host and the key's fingerprint. */
    public SshAuthenticationException(SshTarget target, String message, Throwable cause) {
        super(target, message, cause);
    }
}
