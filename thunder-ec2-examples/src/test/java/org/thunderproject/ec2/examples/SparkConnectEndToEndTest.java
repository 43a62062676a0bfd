package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;

/**
 * Spark Connect and submit end to end, in one cluster lifetime (Spark on this machine is heavy): a
 * 2-slave cluster with Spark on the local cloud; {@code submit} of a job jar (exit 0 and its
 * output, streamed) and of a class that does not exist (non-zero); a Spark Connect client in this
 * JVM computing an aggregate through {@code Cluster.sparkConnect()}, its tasks on the workers'
 * executors; and Spark Connect back after stop and start.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class SparkConnectEndToEndTest {
    private static final long ROWS = 1_000_000;
    private static final long PRIMES_BELOW = 200_000;

    @TempDir
    Path home;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void connectAndSubmitRunOnTheWorkersAndConnectSurvivesStopAndStart() throws Exception {
        Path runtime = LocalCloud.builtSparkRuntime().orElse(null);
        assumeTrue(
                runtime != null,
                "the Spark runtime tarball is absent: the build ran without packaging"
                        + " thunder-ec2-spark-runtime (as under 'mvn test'); 'mvn verify' builds it");
        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .localCloud(cloud.endpoint(), cloud.region())
                        .build()) {
            ClusterSpec spec = ClusterSpec.builder()
                    .name("connect-e2e")
                    .keyPair(
                            "mykey",
                            cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem")))
                    .slaves(2)
                    .sshPort(cloud.sshPort())
                    .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m")
                    .sparkConnectPort(FreePort.onLoopback())
                    .pythonPackages(List.of())
                    .build();
            Cluster cluster = thunder.cluster(spec);
            try {
                cluster.launch();
                Set<String> slaveAddresses = cluster.slaves().stream()
                        .map(n -> n.privateIp().orElseThrow())
                        .collect(Collectors.toSet());

                submitsAJobAndReportsAFailingOne(cluster);

                SparkConnectExample.Timed first = SparkConnectExample.timeToFirstResult(cluster, ROWS);
                assertGroupedSums(first.rows());
                // The benchmark's measurement, reported (never asserted: timings do not belong in tests).
                System.out.println(
                        "Spark Connect: tunnel open in " + first.tunnelOpen().toMillis() + " ms, first result "
                                + first.firstResult().toMillis() + " ms after sparkConnect()");
                assertThat(executorHostsWithTasks(cluster.master()))
                        .as("hosts of the executors that ran tasks")
                        .isNotEmpty()
                        .allSatisfy(host -> assertThat(slaveAddresses).contains(host));
                cliSparkConnectServesAClient(cloud, spec);

                cluster.stop();
                cluster.start();
                SparkConnectExample.Timed again = SparkConnectExample.timeToFirstResult(cluster, ROWS);
                assertGroupedSums(again.rows());
                System.out.println("Spark Connect after stop/start: first result "
                        + again.firstResult().toMillis() + " ms after sparkConnect()");
            } finally {
                cluster.destroy();
            }
        }
    }

    private static void submitsAJobAndReportsAFailingOne(Cluster cluster) {
        List<String> streamed = new CopyOnWriteArrayList<>();
        try (JobJar jar = JobJar.of(SubmittedPrimeCount.class)) {
            SubmitOptions options = SubmitOptions.defaults()
                    .withMainClass(SubmittedPrimeCount.class.getName())
                    .withConf("spark.executor.memory", "512m")
                    .withArguments(Long.toString(PRIMES_BELOW))
                    .onStdoutLine(streamed::add);
            CommandResult ok = cluster.submit(jar.path(), options);
            assertThat(ok.exitStatus()).as(ok.stderr()).isZero();
            Matcher answer = Pattern.compile(
                            "(\\d+) primes below " + PRIMES_BELOW + " \\(submitted job, executors on \\[([^]]*)]\\)")
                    .matcher(ok.stdout());
            assertThat(answer.find()).as(ok.stdout()).isTrue();
            assertThat(Long.parseLong(answer.group(1)))
                    .isEqualTo(SparkStandaloneOnLoopbackTest.primesBelowBySieve(PRIMES_BELOW));
            assertThat(streamed).as("stdout lines as they came").contains(answer.group(0));

            CommandResult failed =
                    cluster.submit(jar.path(), options.withMainClass("org.thunderproject.ec2.examples.NoSuchJob"));
            assertThat(failed.exitStatus())
                    .as(failed.stdout() + failed.stderr())
                    .isNotZero();
            assertThat(failed.stderr()).contains("NoSuchJob");
        }
    }

    /** {@code thunder-ec2 spark-connect NAME} as a process: its tunnel serves a Spark Connect client here. */
    private void cliSparkConnectServesAClient(LocalCloud cloud, ClusterSpec spec) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                "org.thunderproject.ec2.cli.ThunderEc2Command",
                "-k",
                "mykey",
                "-i",
                spec.identityFile().orElseThrow().toString(),
                "spark-connect",
                spec.name(),
                "--remote-port",
                Integer.toString(spec.sparkConnectPort()),
                "--local",
                "--endpoint-url",
                cloud.endpoint().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Process cli = builder.start();
        List<String> printed = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = cli.inputReader(StandardCharsets.UTF_8)) {
                        lines.lines().forEach(printed::add);
                    } catch (IOException e) {
                        printed.add("(reading failed: " + e + ")");
                    }
                },
                "spark-connect-cli-output");
        reader.start();
        try {
            Pattern urlLine =
                    Pattern.compile("Spark Connect of cluster '" + spec.name() + "' at (sc://localhost:\\d+)");
            String url = Poll.until(
                    "the spark-connect command's URL",
                    Duration.ofMinutes(2),
                    () -> {
                        Optional<String> found = printed.stream()
                                .map(urlLine::matcher)
                                .filter(Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst();
                        if (found.isEmpty() && !cli.isAlive()) {
                            throw new AssertionError(
                                    "spark-connect exited with " + cli.exitValue() + ": " + String.join("\n", printed));
                        }
                        return found;
                    },
                    () -> String.join("\n", printed));
            assertThat(printed).as("the two-line Java snippet").anySatisfy(line -> assertThat(line)
                    .contains("SparkSession.builder().remote(\"" + url + "\").getOrCreate()"));
            SparkSession spark = SparkSession.builder().remote(url).getOrCreate();
            try {
                assertGroupedSums(SparkConnectExample.groupedSums(spark, ROWS));
            } finally {
                spark.stop();
            }
        } finally {
            cli.destroy();
            assertThat(cli.waitFor(1, TimeUnit.MINUTES))
                    .as("the command ends on SIGTERM")
                    .isTrue();
            reader.join(TimeUnit.MINUTES.toMillis(1));
        }
    }

    private static void assertGroupedSums(List<Row> rows) {
        assertThat(rows).hasSize(3);
        for (int group = 0; group < 3; group++) {
            long count = 0;
            long sum = 0;
            for (long id = group; id < ROWS; id += 3) {
                count++;
                sum += id;
            }
            Row row = rows.get(group);
            assertThat(((Number) row.get(0)).longValue()).isEqualTo(group);
            assertThat(((Number) row.get(1)).longValue())
                    .as("count of group %d", group)
                    .isEqualTo(count);
            assertThat(((Number) row.get(2)).longValue())
                    .as("sum of group %d", group)
                    .isEqualTo(sum);
        }
    }

    /**
     * The hosts of the Spark Connect server's executors that ran tasks, from its driver's REST API
     * on the master (the first application UI, port 4040: the server starts before anything else).
     */
    private Set<String> executorHostsWithTasks(Node master) throws IOException, InterruptedException {
        String api = "http://" + master.privateIp().orElseThrow() + ":4040/api/v1/applications";
        String apps = get(api);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(apps);
        assertThat(apps).contains("Spark Connect server");
        assertThat(id.find()).as(apps).isTrue();
        String executors = get(api + "/" + id.group(1) + "/allexecutors");
        Matcher executor = Pattern.compile(
                        "\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"hostPort\"\\s*:\\s*\"([^\":]+):\\d+\""
                                + "(?:(?!\"id\").)*?\"totalTasks\"\\s*:\\s*(\\d+)",
                        Pattern.DOTALL)
                .matcher(executors);
        Set<String> hosts = new java.util.TreeSet<>();
        while (executor.find()) {
            if (!executor.group(1).equals("driver") && Integer.parseInt(executor.group(3)) > 0) {
                hosts.add(executor.group(2));
            }
        }
        assertThat(hosts).as(executors).isNotEmpty();
        return hosts;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
