package org.thunderproject.ec2.examples;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.LocalCloudExtension;

/**
 * A downstream integration test of Spark code, as a user's project would write it: the local
 * cloud's JUnit 5 extension gives the class a cloud (serving the build's Spark runtime), the class
 * launches one cluster with Spark for all its tests and opens Spark Connect to it, each test gets a
 * {@link SparkSession} in this JVM, and the cluster is destroyed after the last test.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class SparkConnectDownstreamTest {

  @RegisterExtension
  static final LocalCloudExtension CLOUD = LocalCloudExtension.configured(
      b -> LocalCloud.builtSparkRuntime().map(b::sparkRuntime).orElse(b));

  private static Cluster cluster;
  private static SparkConnect connect;
  private static SparkSession spark;

  @BeforeAll
  static void launchClusterWithSpark(LocalCloud cloud, ThunderEc2 thunder, @TempDir Path dir) {
    assumeTrue(cloud.sparkDownloadUrl().isPresent(), "the Spark runtime tarball is absent: 'mvn verify' builds it");
    cluster = thunder.cluster(ClusterSpec.builder()
        .name("downstream-spark")
        .keyPair("it-key", cloud.createKeyPair("it-key", dir.resolve("it-key.pem")))
        .slaves(2)
        .sshPort(cloud.sshPort())
        .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
        .sparkWorkerMemory("512m")
        .sparkConnectPort(FreePort.onLoopback())
        .pythonPackages(List.of())
        .build());
    cluster.launch();
    connect = cluster.sparkConnect();
    spark = SparkSession.builder().remote(connect.url()).getOrCreate();
  }

  @AfterAll
  static void destroyCluster() {
    if (spark != null) {
      spark.stop();
    }
    if (connect != null) {
      connect.close();
    }
    if (cluster != null) {
      cluster.destroy();
    }
  }

  @Test
  void countsEvenNumbers() {
    assertThat(spark.range(10_000).filter(col("id").mod(2).equalTo(0)).count()).isEqualTo(5_000);
  }

  @Test
  void groupsAndSums() {
    List<Row> rows = SparkConnectExample.groupedSums(spark, 9);
    assertThat(rows).extracting(r -> ((Number) r.get(1)).longValue()).containsExactly(3L, 3L, 3L);
    assertThat(rows).extracting(r -> ((Number) r.get(2)).longValue()).containsExactly(9L, 12L, 15L);
  }
}
