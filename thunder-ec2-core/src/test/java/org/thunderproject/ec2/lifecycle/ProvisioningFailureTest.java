package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServicePort;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Provisioning failures on one 1 + 1 cluster, each fixed and then resumed: a Spark download that
 * 404s (until the file appears), a user service whose health check never passes (until its file
 * appears), and a pip index without the Thunder package (a warning, not a failure). Each error
 * names the nodes, the service, the step and the cause.
 */
@NeedsSparkRuntime
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class ProvisioningFailureTest {
    private static final String TARBALL_PATH = "/dist/spark-4.0.1-bin-thunder.tgz";

    @TempDir
    static Path keys;

    private ProvisionFixture fx;
    private HttpServer downloads;
    private ExecutorService downloadThreads;
    private final AtomicBoolean tarballPublished = new AtomicBoolean();
    private String downloadUrl;
    private String indexUrl;
    private ClusterSpec spec;
    private final RecordingListener events = new RecordingListener();

    /** A user service: records its environment on every node, healthy once ~/probe-ready exists on the master. */
    private static final class Probe implements Service {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public List<ServicePort> ports() {
            return List.of(ServicePort.tcp(NodeRole.MASTER, 9999, "probe"));
        }

        @Override
        public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
            return switch (step) {
                case INSTALL -> List.of(ServiceScript.fromResource(Probe.class, "probe-install.sh"));
                case HEALTH_CHECK ->
                    node.isMaster()
                            ? List.of(ServiceScript.fromResource(Probe.class, "probe-health.sh")
                                    .withArguments("3")
                                    .withTimeout(Duration.ofSeconds(60)))
                            : List.of();
                default -> List.of();
            };
        }
    }

    @BeforeAll
    void start() throws Exception {
        fx = ProvisionFixture.start(keys);
        Path runtime = LocalCloud.builtSparkRuntime().orElseThrow();
        downloads = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        downloadThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-downloads");
            t.setDaemon(true);
            return t;
        });
        downloads.setExecutor(downloadThreads);
        downloads.createContext("/", exchange -> serve(exchange, runtime));
        downloads.start();
        String base = "http://127.0.0.1:" + downloads.getAddress().getPort();
        downloadUrl = base + TARBALL_PATH;
        indexUrl = base + "/simple/";
        spec = fx.spec(name("fail")).slaves(1).sparkDownloadUrl(downloadUrl).build();
    }

    private void serve(HttpExchange exchange, Path runtime) throws IOException {
        try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals(TARBALL_PATH) && tarballPublished.get();
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(runtime));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(runtime, out);
            }
        }
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
        if (downloads != null) {
            downloads.stop(0);
            downloadThreads.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void aDownloadThat404sFailsTheInstallStepOnEveryNodeAndResumeCompletesOnceTheFileIsThere() {
        Cluster cluster = fx.cluster(spec).addListener(events);

        assertThatThrownBy(cluster::launch).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.service()).isEqualTo("spark");
            assertThat(e.step()).isEqualTo(ServiceStep.INSTALL);
            assertThat(e.instanceIds()).hasSize(2);
            assertThat(e.getMessage())
                    .contains("step INSTALL", "install-spark.sh", "HTTP 404", downloadUrl, "resume()");
            // The first line alone (what a command line shows) names the service, step, a node and the cause.
            assertThat(e.getMessage().lines().findFirst().orElseThrow())
                    .startsWith("service 'spark' failed in step INSTALL on i-")
                    .contains(
                            "install-spark.sh exited with status 1: install-spark.sh: cannot download Spark from "
                                    + downloadUrl + ": HTTP 404",
                            "(and on 1 more node(s))");
            e.instanceIds().forEach(id -> assertThat(e.getMessage()).contains(id));
        });

        tarballPublished.set(true);
        ClusterDescription resumed = cluster.resume();

        assertThat(resumed.slaves()).hasSize(1);
        assertThat(cluster.run("sh .thunder-ec2/services/spark/spark-health.sh 1 10", NodeSelector.MASTER)
                        .get(0)
                        .stdout())
                .contains("1 workers ALIVE");
    }

    @Test
    @Order(2)
    void aHealthCheckThatNeverPassesNamesTheMasterAndTheStepAndResumeCompletesOnceFixed() throws IOException {
        Cluster cluster = fx.cluster(spec.toBuilder().addServices(new Probe()).build());

        long started = System.nanoTime();
        assertThatThrownBy(cluster::resume).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.service()).isEqualTo("probe");
            assertThat(e.step()).isEqualTo(ServiceStep.HEALTH_CHECK);
            Node master = cluster.master();
            assertThat(e.instanceIds()).containsExactly(master.instanceId());
            assertThat(e.getMessage())
                    .contains(
                            master.instanceId(),
                            "master",
                            "service 'probe'",
                            "probe-health.sh",
                            "probe-ready did not appear within 3s",
                            "step HEALTH_CHECK");
            assertThat(e.getMessage().lines().findFirst().orElseThrow())
                    .startsWith(
                            "service 'probe' failed in step HEALTH_CHECK on " + master.instanceId() + " (master at ")
                    .endsWith("probe-ready did not appear within 3s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(2));

        cluster.run("touch probe-ready", NodeSelector.MASTER);
        cluster.resume();

        ClusterDescription d = cluster.describe();
        String masterIp = d.master().orElseThrow().privateIp().orElseThrow();
        for (Node node : d.nodes()) {
            assertThat(Files.readString(fx.home(node.instanceId()).resolve("probe-installed"))
                            .strip())
                    .isEqualTo(node.role().tagValue() + " " + node.privateIp().orElseThrow() + " " + masterIp + " 1");
        }
        assertThat(masterRules(9999)).containsExactly("127.0.0.1/32");
    }

    @Test
    @Order(3)
    void pythonPackagesThatCannotBeInstalledAreAWarningNotAFailure() {
        events.clear();
        Cluster cluster = fx.cluster(spec.toBuilder()
                        .addServices(new Probe())
                        .pythonPackages(List.of("thunder-python"))
                        .pythonPackageIndex(indexUrl)
                        .build())
                .addListener(events);

        cluster.resume();

        assertThat(events.warnings()).anySatisfy(w -> assertThat(w)
                .contains("service 'thunder'", "pip could not install thunder-python", "resume() tries again"));
        assertThat(events.warnings().stream()
                        .filter(w -> w.contains("pip could not install"))
                        .count())
                .isEqualTo(2);
    }

    private List<String> masterRules(int port) {
        String group = spec.name() + "-master";
        return fx
                .ec2
                .describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(group)))
                .securityGroups()
                .get(0)
                .ipPermissions()
                .stream()
                .filter(p -> p.fromPort() != null && p.fromPort() == port && p.toPort() == port)
                .flatMap((IpPermission p) -> p.ipRanges().stream().map(r -> r.cidrIp()))
                .toList();
    }
}
