package org.thunderproject.ec2;

/**
 * How far a launch goes. Later phases include the earlier ones; a caller that provisions with
 * its own tools, or an endpoint whose instances cannot be reached, stops at an earlier phase.
 */
public enum LaunchPhase {
  /** Security groups exist and every node runs with its addresses. */
  INFRASTRUCTURE
}
