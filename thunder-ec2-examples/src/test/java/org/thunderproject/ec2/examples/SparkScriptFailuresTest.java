package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark service scripts fail clearly, with nothing half-installed, on bad input. */
final class SparkScriptFailuresTest {

    @TempDir
    Path tmp;

    private SparkScripts scripts;
    private HttpServer server;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        scripts = SparkScripts.extractTo(tmp.resolve("scripts"));
        home = tmp.resolve("node");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/missing/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/garbage/", exchange -> {
            byte[] body = "this is not a tarball\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void installFromUrlThatIs404FailsWithOneLineNamingTheUrl() {
        String url = url("/missing/spark-4.0.1-bin-thunder.tgz");
        SparkScripts.Run run = scripts.run(home, Map.of("SPARK_URL", url), "install-spark.sh");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip())
                .doesNotContain("\n")
                .isEqualTo("install-spark.sh: cannot download Spark from " + url + ": HTTP 404");
        assertThat(home.resolve("spark")).doesNotExist();
        assertThat(home)
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("spark."));
    }

    @Test
    void installOfSomethingThatIsNotATarballFails() {
        String url = url("/garbage/spark.tgz");
        SparkScripts.Run run = scripts.run(home, Map.of("SPARK_URL", url), "install-spark.sh");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip())
                .doesNotContain("\n")
                .startsWith("install-spark.sh: Spark download from " + url + " is not a readable .tgz");
        assertThat(home.resolve("spark")).doesNotExist();
    }

    @Test
    void installFromUnreachableHostFails() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort + "/spark.tgz";
        SparkScripts.Run run = scripts.run(home, Map.of(), "install-spark.sh", url);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).startsWith("install-spark.sh: cannot download Spark from " + url + ": ");
    }

    @Test
    void installOfMissingFileFails() {
        String url = tmp.resolve("nowhere.tgz").toUri().toString();
        SparkScripts.Run run = scripts.run(home, Map.of("SPARK_URL", url), "install-spark.sh");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).startsWith("install-spark.sh: cannot download Spark from " + url + ": no such file");
    }

    @Test
    void daemonsRefuseToStartWithoutTheirOwnAddress() {
        for (String script : new String[] {"start-spark-master.sh", "start-spark-worker.sh"}) {
            SparkScripts.Run run = scripts.run(home, Map.of(), script, "spark://127.0.0.2:7077");
            assertThat(run.exitCode()).as(script).isNotZero();
            assertThat(run.stderr()).as(script).contains("SPARK_LOCAL_IP is not set");
        }
    }

    @Test
    void daemonsRefuseToStartWithoutAnInstallation() {
        SparkScripts.Run run = scripts.run(home, Map.of("SPARK_LOCAL_IP", "127.0.0.2"), "start-spark-master.sh");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("no Spark installation in " + home.resolve("spark"));
    }

    @Test
    void healthCheckTimesOutWhenNoMasterAnswers() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        SparkScripts.Run run = scripts.run(
                home,
                Map.of("SPARK_MASTER_HOST", "127.0.0.1", "SPARK_MASTER_WEBUI_PORT", Integer.toString(freePort)),
                "spark-health.sh",
                "2",
                "1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().strip())
                .isEqualTo("spark-health.sh: only 0 of 2 Spark workers ALIVE at http://127.0.0.1:" + freePort
                        + "/json/ after 1s (master: not answering)");
    }

    @Test
    void masterWhoseWebUiPortIsTakenFailsFastSayingWhy() throws IOException {
        Path tarball = Path.of(System.getProperty("spark.runtime.tarball", "missing"));
        assumeTrue(
                Files.isRegularFile(tarball),
                "the Spark runtime tarball " + tarball + " is built in the package phase; run `mvn verify`");
        scripts.run(home, Map.of("SPARK_URL", tarball.toUri().toString()), "install-spark.sh")
                .assertSucceeded();
        InetAddress ip = InetAddress.getByName("127.0.0.5");
        int rpcPort;
        try (ServerSocket probe = new ServerSocket(0, 1, ip)) {
            rpcPort = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, ip)) {
            SparkScripts.Run run = scripts.run(
                    home,
                    Map.of(
                            "SPARK_LOCAL_IP",
                            "127.0.0.5",
                            "SPARK_MASTER_PORT",
                            Integer.toString(rpcPort),
                            "SPARK_MASTER_WEBUI_PORT",
                            Integer.toString(taken.getLocalPort())),
                    "start-spark-master.sh");
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr().lines().findFirst().orElse(""))
                    .startsWith("start-spark-master.sh: Spark master exited during start-up: java.net.BindException: "
                            + "Failed to bind to /127.0.0.5:" + taken.getLocalPort());
            assertThat(home.resolve("spark/run/spark-master.pid")).doesNotExist();
        } finally {
            scripts.run(home, Map.of(), "stop-spark.sh");
        }
    }

    @Test
    void stopWithNothingRunningSucceedsQuietly() {
        SparkScripts.Run run = scripts.run(home, Map.of(), "stop-spark.sh").assertSucceeded();
        assertThat(run.stdout()).isEmpty();
    }

    /** Both start scripts start their JVM through spark-daemon.sh, with its one copy of Spark launcher's Java 17 options. */
    @Test
    void startScriptsShareSparksJavaModuleOptions() {
        Matcher shared = Pattern.compile("JAVA_MODULE_OPTS=\"([^\"]*)\"").matcher(scripts.text("spark-daemon.sh"));
        assertThat(shared.find()).isTrue();
        for (String script : List.of("start-spark-master.sh", "start-spark-worker.sh")) {
            assertThat(scripts.text(script))
                    .as(script)
                    .contains("/spark-daemon.sh\"", "start_daemon ")
                    .doesNotContain("JAVA_MODULE_OPTS", "nohup");
        }
        String options = shared.group(1).replace("\\\n", " ");
        assertThat(options.split("\\s+"))
                .contains(
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-Dio.netty.tryReflectionSetAccessible=true");
        // The driver in this JVM got the same options from the POM (spark.java.module.options).
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .containsAll(List.of(options.trim().split("\\s+")));
    }
}
