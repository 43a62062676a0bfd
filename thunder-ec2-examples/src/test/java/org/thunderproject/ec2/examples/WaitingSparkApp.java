package org.thunderproject.ec2.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark application that runs, holding its executors, until a file exists: for tests that need
 * an application running for exactly as long as they say.
 *
 * <p>Usage: {@code WaitingSparkApp MASTER_URL DRIVER_HOST MARKER_FILE}.
 */
public final class WaitingSparkApp {
    /** The application's name, as the Spark master lists it. */
    static final String NAME = "thunder-ec2 waiting app";

    private WaitingSparkApp() {}

    /** Connects to the cluster and returns once {@code args[2]} exists. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: WaitingSparkApp MASTER_URL DRIVER_HOST MARKER_FILE");
            System.exit(2);
        }
        SparkConf conf = new SparkConf()
                .setMaster(args[0])
                .setAppName(NAME)
                .set("spark.executor.memory", SparkJob.DEFAULT_EXECUTOR_MEMORY)
                .set("spark.driver.host", args[1])
                .set("spark.driver.bindAddress", args[1]);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Path marker = Path.of(args[2]);
            while (!Files.exists(marker)) {
                Thread.sleep(200);
            }
        }
    }
}
