package org.thunderproject.ec2.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A small Spark job: counts the primes below a limit on a Spark standalone cluster, and reports
 * on which hosts its executors ran.
 *
 * <p>The driver runs in the calling JVM, which needs Spark's Java 17 module options (see the
 * {@code spark.java.module.options} property of the parent POM). The job ships its own classes to
 * the executors (the jar it was loaded from, or a jar made of its class directory).
 *
 * <p>Usage: {@code SparkJob MASTER_URL [LIMIT] [CORES]}, for example
 * {@code SparkJob spark://127.0.0.2:7077 2000000 2}. {@code CORES} is the number of cores the
 * job waits for before it starts (one executor per worker); environment
 * {@code SPARK_EXECUTOR_MEMORY} sets the executor heap (default {@value #DEFAULT_EXECUTOR_MEMORY})
 * and {@code SPARK_DRIVER_HOST} the address the driver binds to and executors call back
 * (default {@value #DEFAULT_DRIVER_HOST}).
 */
public final class SparkJob {

    /** Default upper bound (exclusive) of the numbers tested. */
    public static final long DEFAULT_LIMIT = 2_000_000L;
    /** Default executor heap: Spark's minimum of 450 MiB, so that one executor fits a 512m worker. */
    public static final String DEFAULT_EXECUTOR_MEMORY = "450m";
    /** Default driver address: loopback, where the examples and tests run. */
    public static final String DEFAULT_DRIVER_HOST = "127.0.0.1";

    private static final int PARTITIONS_PER_CORE = 4;

    /**
     * What the job computed.
     *
     * @param limit the numbers tested were 0 (inclusive) to limit (exclusive)
     * @param primes how many of them are prime
     * @param executorHosts the hosts of the executors that ran the job's tasks
     * @param wallTime from creating the Spark context to having the answer
     */
    public record Result(long limit, long primes, Set<String> executorHosts, Duration wallTime) {
        /** Copies the host set. */
        public Result {
            executorHosts = Collections.unmodifiableSet(new TreeSet<>(executorHosts));
            Objects.requireNonNull(wallTime, "wallTime");
        }
    }

    private SparkJob() {}

    /**
     * Runs the job on the cluster at {@code masterUrl}, then stops its Spark context.
     *
     * @param masterUrl {@code spark://HOST:PORT}
     * @param limit count the primes in [0, limit)
     * @param cores cores to run on; the job waits (up to a minute) until executors with this many
     *     cores have registered, so that its tasks spread over all workers
     */
    public static Result run(String masterUrl, long limit, int cores) {
        Objects.requireNonNull(masterUrl, "masterUrl");
        if (limit < 2 || limit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit must be in [2, " + Integer.MAX_VALUE + "], got " + limit);
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be positive, got " + cores);
        }
        long started = System.nanoTime();
        try (JobJar jar = JobJar.of(SparkJob.class);
                JavaSparkContext sc = new JavaSparkContext(conf(masterUrl, cores, jar.path()))) {
            int partitions = cores * PARTITIONS_PER_CORE;
            List<long[]> ranges = ranges(limit, partitions);
            List<Tuple2<Long, String>> counts = sc.parallelize(ranges, partitions)
                    .map(r -> new Tuple2<>(countPrimes(r[0], r[1]), executorHost()))
                    .collect();
            long primes = 0;
            Set<String> hosts = new TreeSet<>();
            for (Tuple2<Long, String> c : counts) {
                primes += c._1();
                hosts.add(c._2());
            }
            return new Result(limit, primes, hosts, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The Spark configuration of the job; see the class comment for the environment it reads. */
    static SparkConf conf(String masterUrl, int cores, Path jar) {
        String driverHost = System.getenv().getOrDefault("SPARK_DRIVER_HOST", DEFAULT_DRIVER_HOST);
        return new SparkConf()
                .setMaster(masterUrl)
                .setAppName("thunder-ec2 prime count")
                .setJars(new String[] {jar.toUri().toString()})
                .set(
                        "spark.executor.memory",
                        System.getenv().getOrDefault("SPARK_EXECUTOR_MEMORY", DEFAULT_EXECUTOR_MEMORY))
                .set("spark.driver.host", driverHost)
                .set("spark.driver.bindAddress", driverHost)
                // The driver's web UI would bind to every interface; the job does not need it.
                .set("spark.ui.enabled", "false")
                .set("spark.cores.max", Integer.toString(cores))
                .set("spark.executor.cores", "1")
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
    }

    /** Splits [0, limit) into {@code n} ranges {from, to} of nearly equal size. */
    static List<long[]> ranges(long limit, int n) {
        List<long[]> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranges.add(new long[] {limit * i / n, limit * (i + 1) / n});
        }
        return ranges;
    }

    /** Counts the primes in [from, to) by trial division. */
    static long countPrimes(long from, long to) {
        long count = 0;
        for (long n = Math.max(from, 2); n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(long n) {
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    static String executorHost() {
        return SparkEnv.get().blockManager().blockManagerId().host();
    }

    /**
     * Runs the job and prints its answer.
     *
     * @param args {@code MASTER_URL [LIMIT] [CORES]}
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: SparkJob MASTER_URL [LIMIT] [CORES]   (e.g. spark://127.0.0.2:7077 2000000 2)");
            System.exit(2);
        }
        long limit = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_LIMIT;
        int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Result result = run(args[0], limit, cores);
        System.out.printf(
                "%d primes below %d, computed in %d ms by executors on %s%n",
                result.primes(), result.limit(), result.wallTime().toMillis(), result.executorHosts());
    }
}
