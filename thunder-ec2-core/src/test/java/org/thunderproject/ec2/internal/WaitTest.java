package org.thunderproject.ec2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.Wait.Round;

class WaitTest {
    private static final Backoff NO_PAUSE = Backoff.fixed(Duration.ZERO);

    @Test
    void runsRoundsUntilOneIsDoneAndReportsEachNewReason() {
        AtomicInteger rounds = new AtomicInteger();
        List<String> reported = new ArrayList<>();
        String value = Wait.of("three rounds", Duration.ofMinutes(1), NO_PAUSE, "test")
                .reporting((reason, elapsed) -> reported.add(reason))
                .until(() -> {
                    int n = rounds.incrementAndGet();
                    return n < 3 ? Round.pending(n < 2 ? "first" : "second") : Round.done("done after " + n);
                });
        assertThat(value).isEqualTo("done after 3");
        assertThat(reported).containsExactly("first", "second");
    }

    @Test
    void theTimeoutNamesWhatAndTheLastReason() {
        assertThatThrownBy(() -> Wait.of("the master to run", Duration.ZERO, NO_PAUSE, "test")
                        .until(() -> Round.pending("1 node pending")))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessage("the master to run did not happen within PT0S (1 node pending)");
    }

    @Test
    void onTimeoutMayReturnAFallbackOrRethrowTheCause() {
        String fallback =
                Wait.of("x", Duration.ZERO, NO_PAUSE, "test").until(() -> Round.pending("no"), last -> "fallback");
        assertThat(fallback).isEqualTo("fallback");
        IllegalStateException cause = new IllegalStateException("not visible yet");
        assertThatThrownBy(() -> Wait.of("x", Duration.ZERO, NO_PAUSE, "test")
                        .until(() -> Round.pending("not yet", cause), last -> {
                            throw last.cause();
                        }))
                .isSameAs(cause);
    }

    @Test
    void anInterruptEndsTheWaitKeepingTheStatus() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Wait.of(
                                    "x", Duration.ofMinutes(1), Backoff.fixed(Duration.ofMinutes(1)), "destroy of c")
                            .until(() -> Round.pending("never")))
                    .isInstanceOf(OperationInterruptedException.class)
                    .hasMessage("destroy of c was interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void backoffGrowsByHalfUpToFiveIntervalsAndJitterOnlyShortens() {
        Backoff growing = Backoff.growing(Duration.ofMillis(100));
        assertThat(growing.next(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(150));
        assertThat(growing.next(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(500));
        for (int i = 0; i < 100; i++) {
            assertThat(growing.jittered(Duration.ofMillis(100)))
                    .isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
        }
        Backoff fixed = Backoff.fixed(Duration.ofMillis(250));
        assertThat(fixed.next(fixed.initial())).isEqualTo(Duration.ofMillis(250));
        assertThat(fixed.jittered(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(250));
    }
}
