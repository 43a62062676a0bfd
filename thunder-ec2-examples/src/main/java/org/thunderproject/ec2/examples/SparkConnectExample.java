package org.thunderproject.ec2.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * The cluster as a SparkSession in this JVM: launch a cluster with Spark, open Spark Connect
 * through its SSH tunnel, and run a DataFrame query on the workers. Here on the local cloud (which
 * serves the Spark runtime the build makes); with {@code ThunderEc2.create()} and an EC2 spec the
 * same calls run on EC2. Needs {@code org.apache.spark:spark-connect-client-jvm_2.13} and, on Java
 * 17, {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (Arrow); takes no arguments.
 */
public final class SparkConnectExample {
    private SparkConnectExample() {}

    /** What {@link #groupedSums} computed and how long it took from {@code sparkConnect()} to its result. */
    public record Timed(List<Row> rows, Duration tunnelOpen, Duration firstResult) {}

    /**
     * The query: {@code spark.range(n)} grouped by {@code id % 3}, counting and summing each group,
     * in group order.
     */
    public static List<Row> groupedSums(SparkSession spark, long n) {
        return spark.range(n)
                .withColumn("group", col("id").mod(3))
                .groupBy("group")
                .agg(count("*").as("count"), sum("id").as("sum"))
                .orderBy("group")
                .collectAsList();
    }

    /**
     * The measurement a benchmark reports: opens Spark Connect on {@code cluster}, runs
     * {@link #groupedSums} once, and times both from the call of {@code sparkConnect()}.
     */
    public static Timed timeToFirstResult(Cluster cluster, long n) {
        long start = System.nanoTime();
        try (SparkConnect connect = cluster.sparkConnect()) {
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            SparkSession spark = SparkSession.builder().remote(connect.url()).getOrCreate();
            try {
                List<Row> rows = groupedSums(spark, n);
                return new Timed(rows, open, Duration.ofNanos(System.nanoTime() - start));
            } finally {
                spark.stop();
            }
        }
    }

    /** Launches a 2-slave cluster with Spark on a new local cloud, queries it through Spark Connect, destroys it. */
    static void run(PrintStream out) {
        Path runtime = LocalCloud.builtSparkRuntime()
                .orElseThrow(() -> new IllegalStateException(
                        "no Spark runtime tarball: build it first with mvn -B -q -DskipTests package"));
        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .localCloud(cloud.endpoint(), cloud.region())
                        .build()) {
            ClusterSpec spec = ClusterSpec.builder()
                    .name("spark-connect")
                    .keyPair(
                            "mykey",
                            cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem")))
                    .slaves(2)
                    .sshPort(cloud.sshPort())
                    .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m") // the local nodes share this machine's memory
                    .sparkConnectPort(FreePort.onLoopback()) // the local nodes share this machine's 127.0.0.1 too
                    .pythonPackages(List.of()) // nothing to fetch from a package index
                    .build();
            Cluster cluster = thunder.cluster(spec);
            try {
                cluster.launch();
                out.println("Cluster '" + spec.name() + "' runs Spark at " + cluster.masterUrl());
                Timed timed = timeToFirstResult(cluster, 1_000_000);
                timed.rows()
                        .forEach(row ->
                                out.println("group " + row.get(0) + ": count " + row.get(1) + ", sum " + row.get(2)));
                out.println(
                        "Spark Connect: tunnel open in " + timed.tunnelOpen().toMillis() + " ms, first result "
                                + timed.firstResult().toMillis() + " ms after sparkConnect()");
            } finally {
                cluster.destroy();
                out.println("Cluster '" + spec.name() + "' destroyed.");
            }
        }
    }

    /** Runs the example; takes no arguments. */
    public static void main(String[] args) {
        run(System.out);
    }
}
