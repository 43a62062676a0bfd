package org.thunderproject.ec2.examples;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark application for {@code thunder-ec2 submit} (and {@code Cluster.submit}): spark-submit
 * gives it the cluster's master and the driver's address, so it sets nothing but its name. Counts
 * the primes below its argument on the executors and prints
 * {@code 78498 primes below 1000000 (submitted job, executors on [10.0.0.6, 10.0.0.7])}.
 *
 * <p>Usage: {@code thunder-ec2 submit NAME thunder-ec2-examples.jar --class
 * org.thunderproject.ec2.examples.SubmittedPrimeCount 1000000}
 */
public final class SubmittedPrimeCount {
    private SubmittedPrimeCount() {}

    /** Counts the primes below {@code args[0]}; exits with 2 (after a line on stderr) on a bad argument. */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("[0-9]{1,9}")) {
            System.err.println("usage: SubmittedPrimeCount LIMIT (a whole number below 10^9)");
            System.exit(2);
        }
        long limit = Long.parseLong(args[0]);
        try (JavaSparkContext sc =
                new JavaSparkContext(new SparkConf().setAppName("thunder-ec2 submitted prime count"))) {
            List<Long> numbers = LongStream.range(0, 8).boxed().toList();
            List<String> parts = sc.parallelize(numbers, 8)
                    .map(i -> SparkJob.countPrimes(limit * i / 8, limit * (i + 1) / 8) + " " + SparkJob.executorHost())
                    .collect();
            long primes = parts.stream()
                    .mapToLong(p -> Long.parseLong(p.split(" ")[0]))
                    .sum();
            String hosts = parts.stream()
                    .map(p -> p.split(" ")[1])
                    .collect(Collectors.toCollection(TreeSet::new))
                    .toString();
            System.out.println(primes + " primes below " + limit + " (submitted job, executors on " + hosts + ")");
        }
    }
}
