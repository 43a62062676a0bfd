package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thunderproject.ec2.localcloud.LocalCloud;

/** The Spark-job example end to end: a cluster with Spark on the local cloud, the driver on its master. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class SparkJobOnClusterTest {

    @Test
    void theJobRunsOnTheClusterAndUsesBothWorkers() {
        assumeTrue(
                LocalCloud.builtSparkRuntime().isPresent(),
                "the Spark runtime tarball is absent: the build ran"
                        + " without packaging thunder-ec2-spark-runtime (as under 'mvn test'); 'mvn verify' builds it");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SparkJobOnCluster.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .containsPattern("runs Spark at spark://127\\.[0-9.]+:7077 \\(web UI http://127\\.[0-9.]+:8080/\\)")
                .endsWith("Cluster 'spark-job' destroyed.\n");
        Matcher result = Pattern.compile("Driver on the master: (\\d+) primes below (\\d+), computed in \\d+ ms"
                        + " by executors on \\[([^]]*)]")
                .matcher(output);
        assertThat(result.find()).as(output).isTrue();
        assertThat(Long.parseLong(result.group(1)))
                .isEqualTo(SparkStandaloneOnLoopbackTest.primesBelowBySieve(Long.parseLong(result.group(2))));
        // One executor per worker: the two slaves' own loopback addresses.
        assertThat(result.group(3).split(", ")).hasSize(2).allSatisfy(h -> assertThat(h)
                .startsWith("127."));
    }
}
