package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.junit.LocalThunderCluster;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.NodeProcesses;
import org.thunderproject.ec2.localcloud.Poll;

/**
 * End to end on the local cloud: a 1 + 2 cluster launched with real Spark (the build's runtime,
 * downloaded by every node over loopback HTTP), the master's {@code /json/} showing both workers
 * ALIVE, {@link SparkJob} run against {@link Cluster#masterUrl()} with executors on both workers,
 * Spark back after stop/start, everything gone after destroy. Logs launch time by phase, the job's
 * wall time and peak memory of the test JVM and of the node processes. The cluster comes from
 * {@link LocalThunderCluster} with {@code launch = false}: the first test launches it, to watch
 * the launch's events.
 */
@LocalThunderCluster(slaves = 2, launch = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class SparkClusterTest {
    private static final Logger LOG = LoggerFactory.getLogger(SparkClusterTest.class);
    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final long LIMIT = 2_000_000L;
    /** The primes below 2,000,000. */
    private static final long PRIMES_BELOW_LIMIT = 148_933L;

    private Cluster cluster;
    private LocalCloud cloud;
    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Long> daemonPeakKib = new ConcurrentHashMap<>();
    private final AtomicLong nodeTotalPeakKib = new AtomicLong();
    private final Map<String, String> measures = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService sampler;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(NodeProcesses.available(), "needs Linux /proc to watch the node processes");
        cluster.addListener(events::add);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-memory-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sampleNodeMemory, 0, 500, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        daemonPeakKib.forEach((daemon, kib) -> measures.put("peak RSS of one " + daemon, kib / 1024 + " MiB"));
        measures.put(
                "peak RSS of all node processes together (sampled every 0.5 s)",
                nodeTotalPeakKib.get() / 1024 + " MiB");
        measures.put(
                "test JVM peak RSS",
                NodeProcesses.statusKib(ProcessHandle.current().pid(), "VmHWM").orElse(-1) / 1024 + " MiB");
        LOG.info(
                "measurements:\n{}",
                measures.entrySet().stream()
                        .map(e -> "  " + e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n")));
    }

    @Test
    @Order(1)
    void launchBringsUpSparkWithEveryWorkerAliveOnItsOwnAddress() throws Exception {
        long started = System.nanoTime();
        ClusterDescription launched = cluster.launch();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Node master = launched.master().orElseThrow();
        List<String> slaveIps =
                launched.slaves().stream().map(n -> n.privateIp().orElseThrow()).toList();
        assertThat(slaveIps).hasSize(2);
        assertThat(cluster.masterUrl())
                .isEqualTo("spark://" + master.privateIp().orElseThrow() + ":7077");
        assertThat(cluster.webUiUrl())
                .hasToString("http://" + master.privateIp().orElseThrow() + ":8080/");
        String json = masterJson();
        assertThat(aliveWorkers(json)).isEqualTo(2);
        assertThat(json).contains(slaveIps.get(0), slaveIps.get(1));
        // m5.large: 2 cores per worker, memory as the spec says.
        assertThat(json).containsPattern("\"cores\"\\s*:\\s*4,").containsPattern("\"memory\"\\s*:\\s*1024,");

        // Every service step finished on every node that has work in it, phase after phase.
        assertThat(eventsAs(ClusterEvent.StepFinished.class, ClusterEvent.StepFinished::step))
                .containsSubsequence(
                        Step.WAIT_RUNNING,
                        Step.WAIT_SSH,
                        Step.INSTALL_SERVICES,
                        Step.CONFIGURE_SERVICES,
                        Step.START_SERVICES,
                        Step.CHECK_SERVICES);
        Set<String> installed = of(ClusterEvent.ServiceStepFinished.class).stream()
                .filter(e -> e.step() == ServiceStep.INSTALL && e.service().equals("spark"))
                .map(ClusterEvent.ServiceStepFinished::instanceId)
                .collect(Collectors.toSet());
        assertThat(installed)
                .containsExactlyInAnyOrderElementsOf(
                        launched.nodes().stream().map(Node::instanceId).toList());
        assertThat(eventsAs(ClusterEvent.Warning.class, ClusterEvent.Warning::message))
                .noneMatch(w -> w.contains("thunder-ec2:warning"));

        // The thunder launcher on the master says plainly that this runtime has no PySpark.
        CommandResult thunder =
                cluster.run("bin/thunder --shell", NodeSelector.MASTER).get(0);
        assertThat(thunder.exitStatus()).isEqualTo(3);
        assertThat(thunder.stderr()).contains("has no PySpark", cluster.masterUrl());
        assertThat(home(master.instanceId()).resolve(".thunder-ec2/python/bin/python"))
                .exists();

        Map<Step, Duration> byStep = stepDurations();
        measures.put("launch 1+2, total", took.toMillis() + " ms");
        measures.put(
                "  INFRASTRUCTURE (preflight, groups, run, wait running)",
                sum(byStep, Step.PREFLIGHT, Step.SECURITY_GROUPS, Step.RUN_INSTANCES, Step.WAIT_RUNNING)
                                .toMillis() + " ms");
        measures.put("  SSH_READY (wait SSH)", sum(byStep, Step.WAIT_SSH).toMillis() + " ms");
        measures.put("  SERVICES: install", sum(byStep, Step.INSTALL_SERVICES).toMillis() + " ms");
        measures.put(
                "  SERVICES: configure", sum(byStep, Step.CONFIGURE_SERVICES).toMillis() + " ms");
        measures.put("  SERVICES: start", sum(byStep, Step.START_SERVICES).toMillis() + " ms");
        measures.put(
                "  SERVICES: health check", sum(byStep, Step.CHECK_SERVICES).toMillis() + " ms");
    }

    @Test
    @Order(2)
    void theJobRunsOnBothWorkersThroughTheMasterUrl() {
        List<String> slaveIps =
                cluster.slaves().stream().map(n -> n.privateIp().orElseThrow()).toList();

        SparkJob.Result result = SparkJob.run(cluster.masterUrl(), LIMIT, 2);

        assertThat(result.primes()).isEqualTo(PRIMES_BELOW_LIMIT);
        assertThat(result.executorHosts()).containsExactlyInAnyOrderElementsOf(slaveIps);
        measures.put(
                "SparkJob (2,000,000, 2 executors) wall time", result.wallTime().toMillis() + " ms");
    }

    @Test
    @Order(3)
    void aResumeOfAHealthyClusterLeavesTheDaemonsAlone() throws IOException {
        Node master = cluster.master();
        Path pidFile = home(master.instanceId()).resolve("spark/run/spark-master.pid");
        String pid = Files.readString(pidFile).strip();
        events.clear();

        cluster.resume();

        assertThat(Files.readString(pidFile).strip()).isEqualTo(pid);
        assertThat(aliveWorkers(masterJson())).isEqualTo(2);
        assertThat(eventsAs(ClusterEvent.StepStarted.class, ClusterEvent.StepStarted::step))
                .doesNotContain(Step.START_INSTANCES);
    }

    @Test
    @Order(4)
    void stopAndStartBringSparkBackOnTheNewAddresses() {
        ClusterDescription before = cluster.describe();
        Map<String, String> publicBefore = publicAddresses(before);

        cluster.stop();
        // The local cloud kills a stopped node's processes right after it reports it stopped.
        String masterIp = before.master().orElseThrow().privateIp().orElseThrow();
        Poll.until(
                "the stopped master to stop listening on 7077",
                Duration.ofSeconds(30),
                () -> !NodeProcesses.accepts(masterIp, 7077));
        long started = System.nanoTime();
        ClusterDescription after = cluster.start();
        measures.put(
                "start after stop (to all workers ALIVE)",
                Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");

        Map<String, String> publicAfter = publicAddresses(after);
        assertThat(publicAfter.keySet()).isEqualTo(publicBefore.keySet());
        publicAfter.forEach(
                (id, ip) -> assertThat(ip).as("public address of %s", id).isNotEqualTo(publicBefore.get(id)));
        assertThat(aliveWorkers(masterJson())).isEqualTo(2);
        SparkJob.Result again = SparkJob.run(cluster.masterUrl(), 100_000, 2);
        assertThat(again.primes()).isEqualTo(9592);
        assertThat(again.executorHosts()).hasSize(2);
    }

    @Test
    @Order(5)
    void destroyLeavesNoNodeProcessAndNoDirectory() {
        List<String> ids =
                cluster.describe().nodes().stream().map(Node::instanceId).toList();

        cluster.destroy();

        assertThat(cluster.describe().exists()).isFalse();
        Poll.until(
                "the nodes' processes to exit",
                Duration.ofSeconds(60),
                () -> NodeProcesses.under(cloud.dataDirectory()).isEmpty() ? Optional.of(true) : Optional.empty(),
                () -> NodeProcesses.under(cloud.dataDirectory()).toString());
        Poll.until(
                "the nodes' directories to be deleted",
                Duration.ofSeconds(60),
                () -> ids.stream().noneMatch(id -> Files.exists(instanceDirectory(id)))
                        ? Optional.of(true)
                        : Optional.empty(),
                () -> ids.stream()
                        .filter(id -> Files.exists(instanceDirectory(id)))
                        .toList()
                        .toString());
    }

    /** The instance's own directory in the local cloud (its home is {@code home/} in it). */
    private Path instanceDirectory(String instanceId) {
        return cloud.dataDirectory().resolve("instances").resolve(instanceId);
    }

    private Path home(String instanceId) {
        return instanceDirectory(instanceId).resolve("home");
    }

    private <T extends ClusterEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends ClusterEvent, R> List<R> eventsAs(Class<T> type, java.util.function.Function<T, R> what) {
        return of(type).stream().map(what).toList();
    }

    private static Map<String, String> publicAddresses(ClusterDescription d) {
        return d.nodes().stream()
                .collect(Collectors.toMap(Node::instanceId, n -> n.publicIp().orElseThrow()));
    }

    private String masterJson() {
        URI json = cluster.webUiUrl().resolve("/json/");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(json).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", json).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + json + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int aliveWorkers(String json) {
        var m = ALIVE.matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private Map<Step, Duration> stepDurations() {
        Map<Step, Duration> byStep = new EnumMap<>(Step.class);
        for (ClusterEvent.StepFinished f : of(ClusterEvent.StepFinished.class)) {
            byStep.merge(f.step(), f.took(), Duration::plus);
        }
        return byStep;
    }

    private static Duration sum(Map<Step, Duration> byStep, Step... steps) {
        Duration total = Duration.ZERO;
        for (Step s : steps) {
            total = total.plus(byStep.getOrDefault(s, Duration.ZERO));
        }
        return total;
    }

    private void sampleNodeMemory() {
        try {
            long totalKib = 0;
            for (NodeProcesses.Proc p : NodeProcesses.under(cloud.dataDirectory())) {
                totalKib += NodeProcesses.statusKib(p.pid(), "VmRSS").orElse(0);
                String daemon = shortName(p.commandLine());
                if (daemon != null) {
                    NodeProcesses.statusKib(p.pid(), "VmHWM")
                            .ifPresent(kib -> daemonPeakKib.merge(daemon, kib, Math::max));
                }
            }
            long total = totalKib;
            nodeTotalPeakKib.accumulateAndGet(total, Math::max);
        } catch (RuntimeException e) {
            LOG.debug("sampling failed: {}", e.toString());
        }
    }

    /** The kind of daemon, or null for other processes (shells, tar, curl). */
    private static String shortName(String commandLine) {
        Map<String, String> kinds = Map.of(
                "deploy.master.Master",
                "Spark master",
                "deploy.worker.Worker",
                "Spark worker",
                "CoarseGrainedExecutorBackend",
                "Spark executor",
                "-m notebook",
                "notebook server");
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            if (commandLine.contains(kind.getKey())) {
                return kind.getValue();
            }
        }
        return null;
    }
}
