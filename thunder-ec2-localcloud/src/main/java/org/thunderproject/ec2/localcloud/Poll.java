package org.thunderproject.ec2.localcloud;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in a test until a condition holds or a deadline passes: the one way tests against the
 * local cloud wait (never a fixed sleep). A timeout fails with an {@link AssertionError} that
 * names what was awaited and what was seen last.
 *
 * <pre>{@code
 * Poll.until("the master to listen on 7077", Duration.ofSeconds(30), () -> accepts(master, 7077));
 * }</pre>
 */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {}

    /**
     * Returns the first present value of {@code probe}, asking again every 50 ms; fails with
     * {@code what} and the last value of {@code lastSeen} when {@code timeout} passes first, or
     * when the thread is interrupted.
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(lastSeen, "lastSeen");
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
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }

    /** Returns once {@code condition} holds, asking again every 50 ms; fails like the other {@code until}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), () -> "not yet");
    }
}
