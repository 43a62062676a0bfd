package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaveBatchesTest {

    @Test
    void smallClustersGetOneSlavePerBatchLargeOnesTwoHundredFiftyAtMost() {
        assertThat(SlaveBatches.plan(3)).extracting(SlaveBatches.Batch::size).containsExactly(1, 1, 1);
        assertThat(SlaveBatches.plan(10)).extracting(SlaveBatches.Batch::size).containsExactly(3, 3, 3, 1);
        assertThat(SlaveBatches.plan(200)).extracting(SlaveBatches.Batch::size).containsExactly(50, 50, 50, 50);
        assertThat(SlaveBatches.plan(1000)).hasSize(4).allSatisfy(b -> assertThat(b.size())
                .isEqualTo(250));
        assertThat(SlaveBatches.plan(2000)).hasSize(8).allSatisfy(b -> assertThat(b.size())
                .isEqualTo(250));
        assertThat(SlaveBatches.plan(201).stream()
                        .mapToInt(SlaveBatches.Batch::size)
                        .sum())
                .isEqualTo(201);
    }

    @Test
    void aFreshClusterRequestsEveryBatch() {
        List<SlaveBatches.Unit> units = SlaveBatches.missing(10, 0, Map.of(), Map.of());

        assertThat(units).extracting(SlaveBatches.Unit::count).containsExactly(3, 3, 3, 1);
    }

    @Test
    void aResumeRepeatsExactlyTheCallsOfBatchesItCannotSee() {
        List<SlaveBatches.Unit> fresh = SlaveBatches.missing(10, 0, Map.of(), Map.of());
        // Batches 0 and 2 exist; 1 and 3 were lost (or are in flight and not yet visible).
        List<SlaveBatches.Unit> resumed = SlaveBatches.missing(10, 6, Map.of("0", 3, "2", 3), Map.of());

        assertThat(resumed).containsExactly(fresh.get(1), fresh.get(3));
    }

    @Test
    void replacingTerminatedSlavesMakesNewCalls() {
        List<SlaveBatches.Unit> fresh = SlaveBatches.missing(4, 0, Map.of(), Map.of());
        List<SlaveBatches.Unit> replacement =
                SlaveBatches.missing(4, 3, Map.of("0", 1, "2", 1, "3", 1), Map.of("1", 1));

        assertThat(replacement).hasSize(1);
        assertThat(replacement.get(0).batch().index()).isEqualTo(1);
        assertThat(replacement.get(0).tokenParts()).isNotEqualTo(fresh.get(1).tokenParts());
    }

    @Test
    void neverRequestsMoreThanTheSpecAsksFor() {
        // Five untagged slaves (another tool's) already exist: only five more.
        List<SlaveBatches.Unit> units = SlaveBatches.missing(10, 5, Map.of(), Map.of());

        assertThat(units.stream().mapToInt(SlaveBatches.Unit::count).sum()).isEqualTo(5);
        assertThat(SlaveBatches.missing(10, 10, Map.of("0", 3, "1", 3, "2", 3, "3", 1), Map.of()))
                .isEmpty();
    }

    @Test
    void tokensAreStableShortAndChangeWithTheLaunchGeneration() {
        String a = ClientTokens.token("abc", "slave", 1, 3, 0, 0, 3, "any-zone");

        assertThat(ClientTokens.token("abc", "slave", 1, 3, 0, 0, 3, "any-zone"))
                .isEqualTo(a);
        assertThat(ClientTokens.token("abd", "slave", 1, 3, 0, 0, 3, "any-zone"))
                .isNotEqualTo(a);
        assertThat(ClientTokens.token("abc", "slave", 1, 3, 0, 0, 3, "us-east-1b"))
                .isNotEqualTo(a);
        assertThat(ClientTokens.token(ClientTokens.newLaunchId(), "master", 0, "any-zone"))
                .hasSizeLessThanOrEqualTo(64);
        assertThat(ClientTokens.newLaunchId())
                .isNotEqualTo(ClientTokens.newLaunchId())
                .hasSize(20);
    }
}
