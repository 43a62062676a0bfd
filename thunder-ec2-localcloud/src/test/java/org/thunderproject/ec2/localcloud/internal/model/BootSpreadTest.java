package org.thunderproject.ec2.localcloud.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boot delays drawn uniformly from base ± spread, repeatable by seed. */
class BootSpreadTest {

    private static List<Duration> draws(BootSpread spread, Duration base, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(spread.draw(base));
        }
        return out;
    }

    @Test
    void drawsStayWithinBasePlusOrMinusSpreadAndCoverIt() {
        List<Duration> d = draws(new BootSpread(Duration.ofSeconds(1), 42), Duration.ofSeconds(3), 2000);
        assertThat(d).allSatisfy(x -> assertThat(x).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        assertThat(d).anySatisfy(x -> assertThat(x).isLessThan(Duration.ofMillis(2100)));
        assertThat(d).anySatisfy(x -> assertThat(x).isGreaterThan(Duration.ofMillis(3900)));
    }

    @Test
    void theSameSeedRepeatsTheRunAndAnotherDoesNot() {
        Duration base = Duration.ofSeconds(4);
        assertThat(draws(new BootSpread(Duration.ofSeconds(2), 7), base, 50))
                .isEqualTo(draws(new BootSpread(Duration.ofSeconds(2), 7), base, 50))
                .isNotEqualTo(draws(new BootSpread(Duration.ofSeconds(2), 8), base, 50));
    }

    @Test
    void noSpreadIsTheBaseAndDrawsNeverGoBelowZero() {
        assertThat(draws(BootSpread.none(), Duration.ofMillis(250), 5)).containsOnly(Duration.ofMillis(250));
        assertThat(draws(new BootSpread(Duration.ofSeconds(5), 1), Duration.ofSeconds(1), 200))
                .allSatisfy(x -> assertThat(x.isNegative()).isFalse());
    }
}
