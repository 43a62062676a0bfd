package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark Connect scripts' refusals, which come before any JVM starts: a port already taken on
 * the loopback (on the local cloud, another cluster's server), a Spark without the server, and a
 * health check with no server. (The server itself runs in SparkConnectEndToEndTest.)
 */
final class SparkConnectScriptsTest {
    private static final String DIR = "/org/thunderproject/ec2/services/spark-connect/";

    @TempDir
    Path home;

    Path scripts;

    @BeforeEach
    void extract() throws IOException {
        scripts = Files.createDirectories(home.resolve("scripts"));
        for (String name : List.of("start-spark-connect.sh", "spark-connect-health.sh", "spark-connect-probe.sh")) {
            try (InputStream in = SparkConnectScriptsTest.class.getResourceAsStream(DIR + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, scripts.resolve(name));
            }
        }
        // A Spark installation's layout; the scripts refuse before they would run anything from it.
        Files.createDirectories(home.resolve("spark/jars"));
    }

    @Test
    void aBusyPortIsRefusedNamingTheSpecField() throws Exception {
        Files.createFile(home.resolve("spark/jars/spark-connect_2.13-4.0.1.jar"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] run =
                    run("start-spark-connect.sh", Map.of("SPARK_CONNECT_PORT", Integer.toString(taken.getLocalPort())));
            assertThat(run[0]).isEqualTo("1");
            assertThat(run[2])
                    .contains("port " + taken.getLocalPort() + " on the master's loopback is already in use")
                    .contains("ClusterSpec.sparkConnectPort");
        }
        assertThat(home.resolve("spark/run/spark-connect.pid")).doesNotExist();
    }

    @Test
    void aSparkWithoutTheServerIsRefused() throws Exception {
        String[] run = run("start-spark-connect.sh", Map.of());
        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("has no Spark Connect server (no jars/spark-connect_*.jar)");
    }

    @Test
    void theHealthCheckFailsWithoutAServer() throws Exception {
        String[] run = run("spark-connect-health.sh", Map.of(), "15002", "1");
        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("the Spark Connect server does not run");
    }

    /** Exit code, stdout, stderr of {@code script} with a clean environment. */
    private String[] run(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("/bin/sh", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = home.resolve(script + ".out");
        Path err = home.resolve(script + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("HOME", home.toString());
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_MASTER_URL", "spark://127.0.0.1:7077");
        environment.putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as(script + " finished")
                .isTrue();
        return new String[] {
            Integer.toString(process.exitValue()),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8)
        };
    }
}
