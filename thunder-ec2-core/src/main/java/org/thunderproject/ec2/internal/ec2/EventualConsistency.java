package org.thunderproject.ec2.internal.ec2;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;

/**
 * EC2 is eventually consistent: a group just created can be "not found" by the next call for a
 * few seconds. Such calls are repeated with backoff, for a bounded time, on those codes only.
 */
public final class EventualConsistency {
    private static final Logger LOG = LoggerFactory.getLogger(EventualConsistency.class);
    /** Codes EC2 answers for resources it has not propagated yet. */
    static final Set<String> NOT_YET_VISIBLE =
            Set.of("InvalidGroup.NotFound", "InvalidGroupId.NotFound", "InvalidInstanceID.NotFound");
    /** How long to keep trying: EC2 propagates within seconds. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private EventualConsistency() {}

    /** Runs {@code call}, repeating it while EC2 says something it just made does not exist. */
    public static <T> T retry(String what, Duration pollInterval, String operation, Supplier<T> call) {
        return Wait.of(what, PATIENCE, Backoff.growing(pollInterval), operation)
                .until(
                        () -> {
                            try {
                                return Round.done(call.get());
                            } catch (CloudException e) {
                                if (!e.errorCode()
                                        .map(NOT_YET_VISIBLE::contains)
                                        .orElse(false)) {
                                    throw e;
                                }
                                LOG.debug("{}: {} (not propagated yet?); retrying", what, e.getMessage());
                                return Round.<T>pending(e.getMessage(), e);
                            }
                        },
                        last -> {
                            throw last.cause();
                        });
    }

    /** Runs {@code call} like {@link #retry(String, Duration, String, Supplier)}. */
    public static void retry(String what, Duration pollInterval, String operation, Runnable call) {
        retry(what, pollInterval, operation, () -> {
            call.run();
            return null;
        });
    }
}
