package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.Poll;

/**
 * Real Spark standalone daemons on loopback addresses, installed and started by the service
 * scripts from the runtime tarball, running {@link SparkJob}: three "nodes" are three HOME
 * directories, a master on 127.0.0.2 and workers on 127.0.0.3 and 127.0.0.4.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class SparkStandaloneOnLoopbackTest {

    private static final Logger LOG = LoggerFactory.getLogger(SparkStandaloneOnLoopbackTest.class);
    private static final String MASTER_IP = "127.0.0.2";
    private static final List<String> WORKER_IPS = List.of("127.0.0.3", "127.0.0.4");
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Pattern WORKER_STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
    private static final long LIMIT = 2_000_000L;
    private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    @TempDir
    Path tmp;

    private SparkScripts scripts;
    private Path masterHome;
    private List<Path> workerHomes;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        assumeTrue(ProcFs.available(), "needs Linux /proc to check sockets and memory of the daemons");
        scripts = SparkScripts.extractTo(tmp.resolve("scripts"));
        masterHome = tmp.resolve("master");
        workerHomes = List.of(tmp.resolve("worker1"), tmp.resolve("worker2"));
    }

    @AfterEach
    void stopEverything() {
        // Whatever happened, leave no daemon behind: the script first, then the pids it recorded.
        List<Path> homes = new ArrayList<>(workerHomes == null ? List.of() : workerHomes);
        if (masterHome != null) {
            homes.add(masterHome);
        }
        for (Path home : homes) {
            if (Files.isDirectory(home.resolve("spark/run"))) {
                scripts.run(home, Map.of(), "stop-spark.sh");
                for (String role : List.of("master", "worker")) {
                    pidOf(home, role).flatMap(ProcessHandle::of).ifPresent(p -> {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
                }
            }
        }
    }

    @Test
    void scriptsInstallAndStartDaemonsThatRunTheJobOnBothWorkers() throws InterruptedException {
        Path tarball = Path.of(System.getProperty("spark.runtime.tarball", "missing"));
        assumeTrue(
                Files.isRegularFile(tarball),
                "the Spark runtime tarball " + tarball + " is built in the package phase of "
                        + "thunder-ec2-spark-runtime; run `mvn verify` (not just `mvn test`)");
        String url = tarball.toUri().toString();

        // Install on three nodes; a second install of the same source is a no-op.
        for (Path home : allHomes()) {
            SparkScripts.Run install = scripts.run(home, Map.of("SPARK_URL", url), "install-spark.sh")
                    .assertSucceeded();
            assertThat(install.stdout()).contains("Installed Spark from " + url);
            assertThat(home.resolve("spark/jars/spark-core_2.13-4.0.1.jar")).isRegularFile();
        }
        assertThat(scripts.run(masterHome, Map.of("SPARK_URL", url), "install-spark.sh")
                        .assertSucceeded()
                        .stdout())
                .contains("already installed");

        // Start a master and two workers, each bound to its own loopback address.
        long startNanos = System.nanoTime();
        scripts.run(masterHome, Map.of("SPARK_LOCAL_IP", MASTER_IP), "start-spark-master.sh")
                .assertSucceeded();
        String masterUrl = "spark://" + MASTER_IP + ":7077";
        for (int i = 0; i < workerHomes.size(); i++) {
            scripts.run(workerHomes.get(i), workerEnv(WORKER_IPS.get(i)), "start-spark-worker.sh", masterUrl)
                    .assertSucceeded();
        }
        String json = awaitAliveWorkers(2, Duration.ofMinutes(3));
        Duration startToAlive = Duration.ofNanos(System.nanoTime() - startNanos);
        assertThat(WORKER_STATE.matcher(json).results().map(m -> m.group(1)).toList())
                .containsExactly("ALIVE", "ALIVE");
        assertThat(json).contains("127.0.0.3", "127.0.0.4");
        assertThat(scripts.run(masterHome, Map.of("SPARK_MASTER_HOST", MASTER_IP), "spark-health.sh", "2", "60")
                        .assertSucceeded()
                        .stdout())
                .contains("2 workers ALIVE");

        // Starting again leaves the running daemons alone.
        long masterPid = pidOf(masterHome, "master").orElseThrow();
        assertThat(scripts.run(masterHome, Map.of("SPARK_LOCAL_IP", MASTER_IP), "start-spark-master.sh")
                        .assertSucceeded()
                        .stdout())
                .contains("already running (pid " + masterPid + ")");
        long worker1Pid = pidOf(workerHomes.get(0), "worker").orElseThrow();
        assertThat(scripts.run(workerHomes.get(0), workerEnv(WORKER_IPS.get(0)), "start-spark-worker.sh", masterUrl)
                        .assertSucceeded()
                        .stdout())
                .contains("already running (pid " + worker1Pid + ")");

        // Installing another Spark under running daemons is refused before anything is downloaded.
        SparkScripts.Run reinstall =
                scripts.run(masterHome, Map.of("SPARK_URL", tarball.toString()), "install-spark.sh");
        assertThat(reinstall.exitCode()).isNotZero();
        assertThat(reinstall.stderr()).contains("Spark daemons still run from " + masterHome.resolve("spark"));

        Map<String, Long> daemons = new LinkedHashMap<>();
        daemons.put("master", masterPid);
        for (int i = 0; i < workerHomes.size(); i++) {
            daemons.put(
                    "worker " + WORKER_IPS.get(i),
                    pidOf(workerHomes.get(i), "worker").orElseThrow());
        }
        daemons.forEach((name, pid) -> assertOnlyLoopbackListeners(name, pid));
        assertThat(ProcFs.listeningAddresses(masterPid))
                .extracting(InetSocketAddress::getPort)
                .contains(7077, 8080);

        // Run the job; meanwhile watch the executors (children of the workers) and the driver's sockets.
        Map<Long, Long> executorPeakKib = new ConcurrentHashMap<>();
        Map<Long, List<InetSocketAddress>> executorListeners = new ConcurrentHashMap<>();
        List<String> driverListeners = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spark-test-proc-sampler");
            t.setDaemon(true);
            return t;
        });
        long selfPid = ProcessHandle.current().pid();
        AtomicReference<RuntimeException> samplerFailure = new AtomicReference<>();
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        sample(selfPid, executorPeakKib, executorListeners, driverListeners);
                    } catch (RuntimeException e) {
                        samplerFailure.compareAndSet(null, e);
                        throw e;
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
        SparkJob.Result result;
        try {
            result = SparkJob.run(masterUrl, LIMIT, 2);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(samplerFailure.get()).as("failure reading /proc").isNull();

        assertThat(result.primes()).isEqualTo(primesBelowBySieve(LIMIT));
        assertThat(result.executorHosts()).containsExactlyInAnyOrderElementsOf(WORKER_IPS);
        assertThat(executorPeakKib)
                .as("executor processes seen under the workers")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(executorListeners).as("executors seen listening").hasSizeGreaterThanOrEqualTo(2);
        executorListeners.forEach((pid, addresses) -> assertThat(addresses)
                .as("listening sockets of executor %d", pid)
                .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress())
                        .as("%s is loopback", a)
                        .isTrue()));
        assertThat(driverListeners).as("driver's listening sockets").allSatisfy(a -> assertThat(a)
                .startsWith("/127."));
        String after = fetchMasterJson().orElseThrow();
        assertThat(after).contains("thunder-ec2 prime count");

        Map<String, Long> daemonPeakKib = new LinkedHashMap<>();
        daemons.forEach(
                (name, pid) -> daemonPeakKib.put(name, ProcFs.peakRssKib(pid).orElse(-1)));

        // Stop everything; the daemons and their executors are gone.
        List<ProcessHandle> started = new ArrayList<>();
        daemons.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(started::add));
        executorPeakKib.keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(started::add));
        for (Path home : allHomes()) {
            scripts.run(home, Map.of(), "stop-spark.sh").assertSucceeded();
        }
        // Stopped processes may linger a moment as zombies until their parent (init) reaps them.
        Poll.until(
                "the daemons and executors exit",
                Duration.ofSeconds(60),
                () -> started.stream().noneMatch(ProcessHandle::isAlive) ? Optional.of(true) : Optional.empty(),
                () -> started.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> p.pid() + " " + ProcFs.state(p.pid()))
                        .toList()
                        .toString());
        for (Path home : allHomes()) {
            assertThat(home.resolve("spark/run")).isEmptyDirectory();
            assertThat(scripts.run(home, Map.of(), "stop-spark.sh")
                            .assertSucceeded()
                            .stdout())
                    .isEmpty();
        }

        LOG.info(
                "daemon start to 2 ALIVE workers: {} ms; job wall time: {} ms ({} primes below {})",
                startToAlive.toMillis(),
                result.wallTime().toMillis(),
                result.primes(),
                LIMIT);
        LOG.info("peak RSS (MiB): daemons {}, executors {}", mib(daemonPeakKib), mib(executorPeakKib));
    }

    /** Records the executors' peak memory and listening sockets, and the driver's (this JVM's) listeners. */
    private void sample(
            long selfPid,
            Map<Long, Long> executorPeakKib,
            Map<Long, List<InetSocketAddress>> executorListeners,
            List<String> driverListeners) {
        for (Path home : workerHomes) {
            pidOf(home, "worker").flatMap(ProcessHandle::of).ifPresent(worker -> worker.descendants()
                    .filter(p -> ProcFs.commandLine(p.pid()).contains(EXECUTOR_CLASS))
                    .forEach(p -> {
                        ProcFs.peakRssKib(p.pid()).ifPresent(kib -> executorPeakKib.merge(p.pid(), kib, Math::max));
                        List<InetSocketAddress> listening = ProcFs.listeningAddresses(p.pid());
                        if (!listening.isEmpty()) {
                            executorListeners.put(p.pid(), listening);
                        }
                    }));
        }
        ProcFs.listeningAddresses(selfPid).forEach(a -> driverListeners.add(a.toString()));
    }

    private List<Path> allHomes() {
        List<Path> homes = new ArrayList<>();
        homes.add(masterHome);
        homes.addAll(workerHomes);
        return homes;
    }

    private static Map<String, String> workerEnv(String ip) {
        return Map.of("SPARK_LOCAL_IP", ip, "SPARK_WORKER_CORES", "1", "SPARK_WORKER_MEMORY", "512m");
    }

    private static Optional<Long> pidOf(Path home, String role) {
        Path pidFile = home.resolve("spark/run/spark-" + role + ".pid");
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void assertOnlyLoopbackListeners(String name, long pid) {
        List<InetSocketAddress> listening = ProcFs.listeningAddresses(pid);
        assertThat(listening).as("%s listens", name).isNotEmpty();
        assertThat(listening).as("listening sockets of %s", name).allSatisfy(a -> assertThat(
                        a.getAddress().isLoopbackAddress())
                .as("%s is loopback", a)
                .isTrue());
    }

    /** Polls the master's /json/ until it reports {@code expected} workers ALIVE; returns that JSON. */
    private String awaitAliveWorkers(int expected, Duration timeout) {
        String[] last = {"(no answer)"};
        return Poll.until(
                "master reports " + expected + " ALIVE workers",
                timeout,
                () -> {
                    Optional<String> json = fetchMasterJson();
                    json.ifPresent(j -> last[0] = j);
                    return json.filter(j -> {
                        Matcher m = ALIVE_WORKERS.matcher(j);
                        return m.find() && Integer.parseInt(m.group(1)) >= expected;
                    });
                },
                () -> last[0]);
    }

    private Optional<String> fetchMasterJson() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + MASTER_IP + ":8080/json/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Counts primes below {@code limit} with a sieve of Eratosthenes, independently of the job. */
    static long primesBelowBySieve(long limit) {
        boolean[] composite = new boolean[(int) limit];
        long count = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite[n]) {
                count++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite[(int) m] = true;
                }
            }
        }
        return count;
    }

    private static <K> Map<K, Long> mib(Map<K, Long> kib) {
        Map<K, Long> result = new LinkedHashMap<>();
        kib.forEach((k, v) -> result.put(k, v < 0 ? v : v / 1024));
        return result;
    }
}
