package org.thunderproject.ec2.tests;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (the tests' only way to wait). */
final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {}

  /**
   * The first present value of {@code probe}, asked every 200 ms; fails with {@code what} and the
   * last value of {@code lastSeen} when {@code timeout} passes first.
   */
  static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(what + " did not happen within " + timeout + "; last seen: " + lastSeen.get());
      }
      if (Thread.interrupted()) {
        throw new AssertionError("interrupted while waiting until " + what);
      }
      LockSupport.parkNanos(INTERVAL.toNanos());
    }
  }
}
