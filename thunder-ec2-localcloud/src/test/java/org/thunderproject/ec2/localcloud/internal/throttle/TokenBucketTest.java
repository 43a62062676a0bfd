package org.thunderproject.ec2.localcloud.internal.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket maths on a clock the test moves. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void startsFullAndRefusesWhenEmptyTakingNothing() {
        TokenBucket bucket = new TokenBucket(5, 2, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(1)).as("call %d of the burst", i + 1).isTrue();
        }
        assertThat(bucket.tryTake(1)).isFalse();
        assertThat(bucket.available()).isZero();
    }

    @Test
    void refillsAtItsRateAndNeverAboveCapacity() {
        TokenBucket bucket = new TokenBucket(5, 2, now::get);
        assertThat(bucket.tryTake(5)).isTrue();
        advanceMillis(499);
        assertThat(bucket.tryTake(1))
                .as("2 per second: not yet one after 499 ms")
                .isFalse();
        advanceMillis(1);
        assertThat(bucket.tryTake(1)).as("one after 500 ms").isTrue();
        advanceMillis(1_500);
        assertThat(bucket.available()).isEqualTo(3);
        advanceMillis(60_000);
        assertThat(bucket.available()).as("capped at the capacity").isEqualTo(5);
    }

    @Test
    void aLargeRequestTakesAllOrNothing() {
        TokenBucket instances = new TokenBucket(1000, 2, now::get);
        assertThat(instances.tryTake(999)).isTrue();
        assertThat(instances.tryTake(2)).as("one left: two refused").isFalse();
        assertThat(instances.available()).as("nothing was taken by the refusal").isEqualTo(1);
        advanceMillis(500);
        assertThat(instances.tryTake(2)).isTrue();
    }

    @Test
    void refusesNonsensicalLimits() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
