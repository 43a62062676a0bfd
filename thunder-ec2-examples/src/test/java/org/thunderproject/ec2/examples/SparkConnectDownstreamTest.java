package org.thunderproject.ec2.examples;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.junit.LocalThunderCluster;

/**
 * A downstream integration test of Spark code, as a user's project would write it: one cluster
 * with Spark on the local cloud for the whole class ({@code @LocalThunderCluster}), a
 * {@link SparkSession} in this JVM through the injected {@link SparkConnect} tunnel, and the
 * cluster destroyed after the last test.
 */
@LocalThunderCluster(slaves = 2)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class SparkConnectDownstreamTest {

    private static SparkSession spark;

    @BeforeAll
    static void connect(SparkConnect connect) {
        spark = SparkSession.builder().remote(connect.url()).getOrCreate();
    }

    @AfterAll
    static void disconnect() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void countsEvenNumbers() {
        assertThat(spark.range(10_000).filter(col("id").mod(2).equalTo(0)).count())
                .isEqualTo(5_000);
    }

    @Test
    void groupsAndSums() {
        List<Row> rows = SparkConnectExample.groupedSums(spark, 9);
        assertThat(rows).extracting(r -> ((Number) r.get(1)).longValue()).containsExactly(3L, 3L, 3L);
        assertThat(rows).extracting(r -> ((Number) r.get(2)).longValue()).containsExactly(9L, 12L, 15L);
    }
}
