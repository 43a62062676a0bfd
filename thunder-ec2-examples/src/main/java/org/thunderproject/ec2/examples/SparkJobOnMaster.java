package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;

/**
 * Runs {@link SparkJob} with its driver on the cluster's master, the way one runs a job on a real
 * EC2 cluster (the master's URL is a private address, reachable from inside the cluster): copies
 * the job's jar to the master and starts the driver there with the Spark distribution's jars and
 * Spark's Java 17 options.
 */
public final class SparkJobOnMaster {
    private static final String REMOTE_JAR = "thunder-jobs/prime-count.jar";

    private SparkJobOnMaster() {}

    /**
     * Runs the job on {@code cluster} and returns the driver's answer line, like
     * {@code 148933 primes below 2000000, computed in 5120 ms by executors on [10.0.0.6, 10.0.0.7]}.
     *
     * @throws IllegalStateException the driver failed (its output says why)
     */
    public static String run(Cluster cluster, long limit, int cores) {
        Objects.requireNonNull(cluster, "cluster");
        Node master = cluster.master();
        String masterUrl = cluster.masterUrl();
        try (JobJar jar = JobJar.of(SparkJob.class)) {
            cluster.copy(jar.path(), REMOTE_JAR, NodeSelector.MASTER);
        }
        String command = "SPARK_DRIVER_HOST=" + master.privateIp().orElseThrow() + " java -Xmx512m " + javaOptions()
                + " -cp \"" + REMOTE_JAR + ":$HOME/spark/jars/*\" " + SparkJob.class.getName() + " " + masterUrl + " "
                + limit
                + " " + cores;
        CommandResult result = cluster.run(command, NodeSelector.MASTER).get(0);
        if (!result.isSuccess()) {
            throw new IllegalStateException("the Spark driver on the master exited with " + result.exitStatus() + ":\n"
                    + result.stderr().strip());
        }
        return result.stdout().strip();
    }

    /** Spark's JVM options for Java 17 (the parent POM's {@code spark.java.module.options}). */
    static String javaOptions() {
        try (InputStream in = SparkJobOnMaster.class.getResourceAsStream("spark-java-options.txt")) {
            if (in == null) {
                throw new IllegalStateException("spark-java-options.txt is missing from the examples' classes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
