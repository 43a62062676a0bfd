package org.thunderproject.ec2.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * A Spark job on a cluster, the way it runs on EC2: launch a cluster with Spark, copy the job's
 * jar to the master, and run its driver there, inside the cluster's network, against the
 * cluster's master URL. Here the cluster is on the local cloud, which serves the Spark runtime the
 * build makes; with {@code ThunderEc2.create()} and an EC2 spec the same calls run on EC2.
 *
 * <p>The job is {@link SparkJob}: it counts primes on the workers and names the hosts its executors
 * ran on. Takes no arguments; needs {@code mvn package} to have built the Spark runtime.
 */
public final class SparkJobOnCluster {

    /** Primes are counted below this. */
    static final long LIMIT = 2_000_000L;

    private SparkJobOnCluster() {}

    /** Launches a 2-slave cluster with Spark on a new local cloud, runs the job, destroys the cluster. */
    static void run(PrintStream out) {
        Path runtime = LocalCloud.builtSparkRuntime()
                .orElseThrow(() -> new IllegalStateException(
                        "no Spark runtime tarball: build it first with mvn -B -q -DskipTests install"));
        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .localCloud(cloud.endpoint(), cloud.region())
                        .build()) {
            ClusterSpec spec = ClusterSpec.builder()
                    .name("spark-job")
                    .keyPair(
                            "mykey",
                            cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem")))
                    .slaves(2)
                    .sshPort(cloud.sshPort())
                    .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m") // the local nodes share this machine's memory
                    .sparkConnectPort(FreePort.onLoopback()) // and its 127.0.0.1, where Spark Connect listens
                    .pythonPackages(List.of()) // nothing to fetch from a package index
                    .build();
            Cluster cluster = thunder.cluster(spec);
            try {
                cluster.launch();
                out.println("Cluster '" + spec.name() + "' runs Spark at " + cluster.masterUrl() + " (web UI "
                        + cluster.webUiUrl() + ")");
                // SparkJobOnMaster copies the job's jar to the master and runs the driver there.
                out.println("Driver on the master: " + SparkJobOnMaster.run(cluster, LIMIT, 2));
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
