package org.thunderproject.ec2.internal;

import java.time.Duration;

/** The backoff of polling loops: grow by half each time, up to five poll intervals. */
public final class Waits {
  private Waits() {}

  /** The delay after {@code current}, for a loop polling every {@code pollInterval} at first. */
  public static Duration next(Duration current, Duration pollInterval) {
    Duration grown = current.plus(current.dividedBy(2));
    Duration cap = pollInterval.multipliedBy(5);
    return grown.compareTo(cap) > 0 ? cap : grown;
  }
}
