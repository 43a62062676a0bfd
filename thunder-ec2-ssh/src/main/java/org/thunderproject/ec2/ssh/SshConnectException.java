package org.thunderproject.ec2.ssh;

/**
 * The host could not be reached or dropped the connection before it was authenticated:
 * connection refused, timed out, unreachable, or closed during the handshake. A booting host does
 * this for a while, so {@link Ssh#connectWhenReady} retries it.
 */
public final class SshConnectException extends SshException {
    private static final long serialVersionUID = 1L;

    /** A connection failure; the message says which of the causes it was. */
    public SshConnectException(SshTarget target, String message, Throwable cause) {
        super(target, message, cause);
    }
}
