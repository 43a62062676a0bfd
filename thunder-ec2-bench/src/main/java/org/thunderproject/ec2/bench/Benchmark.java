package org.thunderproject.ec2.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code bin/thunder-ec2-bench}: for each size, a fresh standalone local cloud in another process
 * (EC2's rate limits on, boot times that vary), a launch to SSH_READY (with {@code --spark}, full
 * launches at N = 2 and 4 as well) and a destroy through the public API with its defaults; then
 * one table of where the time went (see docs/performance.md). Asserts nothing.
 */
public final class Benchmark {
    private static final String REGION = "us-east-1";
    /** Measures other work adds (e.g. sparkConnect() to a first query); none yet. */
    static final List<ExtraMeasure> EXTRA_MEASURES = List.of();

    private Benchmark() {}

    /** Runs the benchmark; exit status 2 on bad options, 1 when a run fails. */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("thunder-ec2-bench: error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        out.printf(
                "thunder-ec2-bench: pending %s +- %s, SSH boot %s +- %s, seed %d, EC2 rate limits %s; %d cores, Java %s%n",
                ResultTable.seconds(options.pending()),
                ResultTable.seconds(options.pendingSpread()),
                ResultTable.seconds(options.sshBoot()),
                ResultTable.seconds(options.sshBootSpread()),
                options.seed(),
                options.rateLimits() ? "on" : "off",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<RunResult> results = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>(options.slaves());
        boolean failed = false;
        for (int n : sizes) {
            failed |= !run(options, n, LaunchPhase.SSH_READY, results, out);
        }
        if (options.spark()) {
            for (int n : List.of(2, 4)) {
                failed |= !run(options, n, LaunchPhase.SERVICES, results, out);
            }
        }
        out.println();
        ResultTable.print(results, out);
        System.exit(failed ? 1 : 0);
    }

    private static boolean run(
            BenchOptions options, int slaves, LaunchPhase phase, List<RunResult> results, PrintStream out)
            throws IOException {
        Path work = Files.createTempDirectory(
                "thunder-ec2-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        out.printf("N=%d %s: starting a local cloud...%n", slaves, phase);
        List<String> cloudOptions = new ArrayList<>(options.cloudOptions());
        if (phase == LaunchPhase.SERVICES) {
            cloudOptions.remove("--no-spark-runtime");
        }
        cloudOptions.addAll(List.of("--data-dir", work.resolve("cloud").toString()));
        try (CloudProcess cloud =
                CloudProcess.start(options.localCloudJar(), cloudOptions, work.resolve("local-cloud.log"))) {
            Path key = createKeyPair(cloud, work.resolve("bench.pem"));
            CallCounter counter = new CallCounter();
            try (ThunderEc2 thunder = ThunderEc2.builder()
                    .endpointOverride(cloud.endpoint())
                    .region(REGION)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .callerAddress(CallerAddress.fixed("127.0.0.1"))
                    .homeDirectory(work.resolve("home"))
                    .addExecutionInterceptor(counter)
                    .build()) {
                ClusterSpec.Builder spec = ClusterSpec.builder()
                        .name("bench" + slaves)
                        .keyPair("bench", key)
                        .slaves(slaves)
                        .sshPort(cloud.sshPort())
                        .readyTimeout(Duration.ofMinutes(20));
                if (phase == LaunchPhase.SERVICES) {
                    spec.sparkDownloadUrl(
                                    cloud.sparkDownloadUrl()
                                            .orElseThrow(
                                                    () -> new IllegalStateException(
                                                            "--spark needs the Spark runtime the build makes (mvn -DskipTests package)")))
                            .sparkWorkerMemory("512m")
                            .pythonPackages(List.of());
                }
                Cluster cluster = thunder.cluster(spec.build());
                Map<ClusterEvent.Step, Duration> steps = new ConcurrentHashMap<>();
                Map<String, Duration> nodeServiceTime = new ConcurrentHashMap<>();
                cluster.addListener(event -> {
                    if (event instanceof ClusterEvent.StepFinished f) {
                        steps.merge(f.step(), f.took(), Duration::plus);
                    } else if (event instanceof ClusterEvent.ServiceStepFinished s) {
                        nodeServiceTime.merge(s.instanceId(), s.took(), Duration::plus);
                    }
                });
                cloud.resetStats();
                counter.takeCounts();
                ClientResources resources = ClientResources.start();
                long start = System.nanoTime();
                cluster.launch(phase);
                Duration launch = Duration.ofNanos(System.nanoTime() - start);
                double cpu = resources.cpuSeconds();
                double jit = resources.jitSeconds();
                double heap = ClientResources.peakHeapMib();
                Map<String, String> stats = cloud.stats();
                Map<String, Long> calls = counter.takeCounts();
                Map<ClusterEvent.Step, Duration> launchSteps = Map.copyOf(steps);
                List<String> extras = new ArrayList<>();
                for (ExtraMeasure measure : EXTRA_MEASURES) {
                    extras.add(measure.name() + " "
                            + measure.measure(cluster).map(ResultTable::seconds).orElse("-"));
                }
                start = System.nanoTime();
                cluster.destroy();
                Duration destroy = Duration.ofNanos(System.nanoTime() - start);
                Optional<Duration> slowestServices =
                        nodeServiceTime.values().stream().max(Duration::compareTo);
                RunResult result = RunResult.of(
                        slaves,
                        phase,
                        launch,
                        stats,
                        calls,
                        launchSteps,
                        destroy,
                        heap,
                        cpu,
                        jit,
                        slowestServices,
                        extras);
                out.println("  " + result.summary());
                results.add(result);
                return true;
            }
        } catch (RuntimeException e) {
            out.printf("  N=%d %s failed: %s%n", slaves, phase, e);
            results.add(RunResult.failed(
                    slaves, phase, e.getMessage().lines().findFirst().orElse(e.toString())));
            return false;
        } finally {
            deleteRecursively(work); // the cloud has stopped: its nodes' files and the key go
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path createKeyPair(CloudProcess cloud, Path file) throws IOException {
        try (Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench-setup", "x")))
                .build()) {
            String material = ec2.createKeyPair(r -> r.keyName("bench")).keyMaterial();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, material.endsWith("\n") ? material : material + "\n", StandardCharsets.US_ASCII);
        }
        return file;
    }
}
