package org.thunderproject.ec2.ssh;

/**
 * A private key could not be read or decoded: missing or unreadable file, unknown format, a
 * passphrase needed but not given, or a wrong passphrase. The message names the file, never the
 * key or the passphrase.
 */
public final class SshIdentityException extends SshException {
    private static final long serialVersionUID = 1L;

    /** A key that cannot be used. */
    public SshIdentityException(String message, Throwable cause) {
        super(null, message, cause);
    }
}
