package org.thunderproject.ec2;

/**
 * The calling thread was interrupted; the operation stopped promptly. A launch interrupted this
 * way leaves a cluster that {@link Cluster#resume()} completes, or {@link Cluster#destroy()} removes.
 */
public final class OperationInterruptedException extends ThunderEc2Exception {
  private static final long serialVersionUID = 1L;

  /** What was interrupted. */
  public OperationInterruptedException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
