package org.thunderproject.ec2;

/**
 * The calling thread was interrupted; the operation stopped promptly. A launch interrupted this
 * way leaves a cluster that {@link Cluster#resume()} completes, or {@link Cluster#destroy()} removes.
 * As with any interrupted blocking call, the thread's interrupt status is set again when this is
 * thrown: clear it ({@link Thread#interrupted()}) before calling on the same thread.
 */
public final class OperationInterruptedException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    /** What was interrupted. */
    public OperationInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
