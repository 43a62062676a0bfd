package org.thunderproject.ec2.ssh;

/**
 * The calling thread was interrupted while it waited for a host or a command. The thread's
 * interrupt flag is set again before this is thrown.
 */
public final class SshInterruptedException extends SshException {
    private static final long serialVersionUID = 1L;

    /** An interrupted wait on {@code target} (may be null for a batch). */
    public SshInterruptedException(SshTarget target, String message, InterruptedException cause) {
        super(target, message, cause);
    }
}
