package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's arithmetic, without a cluster. */
final class SparkJobTest {

    @Test
    void rangesCoverTheLimitWithoutGapsOrOverlap() {
        List<long[]> ranges = SparkJob.ranges(1_000_003L, 8);
        assertThat(ranges).hasSize(8);
        assertThat(ranges.get(0)[0]).isZero();
        assertThat(ranges.get(7)[1]).isEqualTo(1_000_003L);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
        }
    }

    @Test
    void countsPrimesLikeASieve() {
        long total = 0;
        for (long[] r : SparkJob.ranges(100_000L, 7)) {
            total += SparkJob.countPrimes(r[0], r[1]);
        }
        assertThat(total).isEqualTo(SparkStandaloneOnLoopbackTest.primesBelowBySieve(100_000L));
        assertThat(SparkJob.countPrimes(0, 30)).isEqualTo(10); // 2 3 5 7 11 13 17 19 23 29
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SparkJob.run("spark://127.0.0.2:7077", 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparkJob.run("spark://127.0.0.2:7077", 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
