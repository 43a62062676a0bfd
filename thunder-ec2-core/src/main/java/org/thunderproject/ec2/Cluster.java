package org.thunderproject.ec2;

/**
 * A handle on one cluster, made by {@link ThunderEc2#cluster(ClusterSpec)}. Creating it touches
 * nothing; each operation blocks until done, reports progress to the listeners, and throws a
 * {@link ThunderEc2Exception} that says what went wrong and what to do.
 *
 * <p>Operations are safe to repeat: a failed or interrupted launch is completed by
 * {@link #resume()} or removed by {@link #destroy()}, and a second {@code destroy()} does nothing.
 */
public interface Cluster {

  /** The cluster name. */
  String name();

  /** The spec this handle was made from. */
  ClusterSpec spec();

  /**
   * Launches a new cluster through every phase. Checks the key file, the key pair and that the
   * name is free before creating anything.
   *
   * @throws PreflightException when a check fails (nothing is created)
   */
  ClusterDescription launch();

  /** Launches a new cluster up to and including {@code lastPhase}. */
  ClusterDescription launch(LaunchPhase lastPhase);

  /** Completes a launch that was interrupted or failed: creates only what is missing. */
  ClusterDescription resume();

  /** Completes a launch up to and including {@code lastPhase}. */
  ClusterDescription resume(LaunchPhase lastPhase);

  /**
   * Stops every node. Refuses spot slaves (EC2 cannot stop one-time spot instances) with a
   * {@link ClusterStateException}; see {@link #stop(SpotSlaves)}. Instance-store data is lost.
   */
  ClusterDescription stop();

  /** Stops every node, doing with spot slaves what {@code spotSlaves} says. */
  ClusterDescription stop(SpotSlaves spotSlaves);

  /** Starts a stopped cluster; addresses change, so the returned description has the new ones. */
  ClusterDescription start();

  /**
   * Terminates every node (pending ones too), waits until they are gone, and deletes both
   * security groups. Idempotent: destroying a half-launched or already destroyed cluster ends
   * with nothing left.
   */
  void destroy();

  /** What EC2 reports about the cluster now. */
  ClusterDescription describe();

  /** Adds a listener for this handle's operations. */
  Cluster addListener(ClusterListener listener);

  /** Removes a listener added earlier. */
  Cluster removeListener(ClusterListener listener);

  /** What {@link #stop(SpotSlaves)} does with spot slaves, which EC2 cannot stop. */
  enum SpotSlaves {
    /** Refuse to stop the cluster (the default). */
    REFUSE,
    /** Terminate the spot slaves and stop the rest; {@link #resume()} launches new slaves later. */
    TERMINATE
  }
}
