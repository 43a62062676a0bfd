package org.thunderproject.ec2.ssh.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.ReadyListener;
import org.thunderproject.ec2.ssh.SshAuthenticationException;
import org.thunderproject.ec2.ssh.SshConnectException;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshNotReadyException;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * Connects to a host that may still be booting: retries refusals, timeouts and rejected keys with
 * jittered exponential backoff until a deadline; host-key and identity errors end it at once.
 */
public final class ReadyWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyWaiter.class);
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(500);

    private ReadyWaiter() {}

    /**
     * Connects, retrying until {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @throws SshNotReadyException the deadline passed; its cause is the last failure
     * @throws SshInterruptedException the thread was interrupted (its flag is set again)
     */
    public static Connector.Connected await(
            Connector connector, SshTarget target, long deadlineNanos, ReadyListener listener) {
        long start = System.nanoTime();
        Duration delay = connector.settings().retryInitialDelay();
        int attempt = 0;
        while (true) {
            attempt++;
            if (Thread.interrupted()) {
                throw interrupted(target, null);
            }
            long remaining = deadlineNanos - System.nanoTime();
            Duration connectTimeout = connector.settings().connectTimeout();
            if (Duration.ofNanos(remaining).compareTo(connectTimeout) < 0) {
                connectTimeout = max(Duration.ofNanos(remaining), MIN_CONNECT_TIMEOUT);
            }
            SshException failure;
            try {
                return connector.connect(target, connectTimeout);
            } catch (SshConnectException | SshAuthenticationException e) {
                failure = e;
            }
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                Duration waited = Duration.ofNanos(now - start);
                throw new SshNotReadyException(
                        target,
                        "SSH on " + target + " was not ready after " + Durations.human(waited) + " ("
                                + attempt + (attempt == 1 ? " attempt" : " attempts") + "); last error: "
                                + failure.getMessage(),
                        waited,
                        attempt,
                        failure);
            }
            Duration pause = jitter(delay);
            Duration left = Duration.ofNanos(deadlineNanos - now);
            if (pause.compareTo(left) > 0) {
                pause = left;
            }
            LOG.debug(
                    "{} not ready (attempt {}): {}; retrying in {}",
                    target,
                    attempt,
                    failure.getMessage(),
                    Durations.human(pause));
            listener.attemptFailed(target, attempt, failure, pause);
            try {
                TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            } catch (InterruptedException e) {
                throw interrupted(target, e);
            }
            delay = min(
                    Duration.ofMillis((long) (delay.toMillis() * 1.6)),
                    connector.settings().retryMaxDelay());
        }
    }

    private static SshInterruptedException interrupted(SshTarget target, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return new SshInterruptedException(
                target,
                "Interrupted while waiting for SSH on " + target,
                cause == null ? new InterruptedException() : cause);
    }

    private static Duration jitter(Duration d) {
        double f = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * f)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
