package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Spark service scripts of thunder-ec2-core, copied out of the classpath into one directory
 * (the start scripts source spark-daemon.sh from next to them, as on a node), run with
 * {@code /bin/sh} and a controlled environment, as the provisioner runs them over SSH.
 */
final class SparkScripts {

    static final String RESOURCE_DIR = "/org/thunderproject/ec2/services/spark/";
    static final List<String> NAMES = List.of(
            "install-spark.sh",
            "spark-daemon.sh",
            "start-spark-master.sh",
            "start-spark-worker.sh",
            "stop-spark.sh",
            "spark-health.sh");

    /** What a script run printed and returned. */
    record Run(int exitCode, String stdout, String stderr) {
        Run assertSucceeded() {
            assertThat(exitCode)
                    .as("exit code; stdout: %s; stderr: %s", stdout, stderr)
                    .isZero();
            return this;
        }
    }

    private final Path dir;

    private SparkScripts(Path dir) {
        this.dir = dir;
    }

    /** Copies the scripts into {@code dir}. */
    static SparkScripts extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : NAMES) {
                try (InputStream in = SparkScripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    Objects.requireNonNull(in, () -> "script resource missing: " + RESOURCE_DIR + name);
                    Files.copy(in, dir.resolve(name));
                }
            }
            return new SparkScripts(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script's text. */
    String text(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a script with a clean environment: PATH, JAVA_HOME (this JVM's Java), HOME={@code home}
     * and {@code env}.
     */
    Run run(Path home, Map<String, String> env, String script, String... args) {
        Path out = home.resolve(".script-" + script + ".out");
        Path err = home.resolve(".script-" + script + ".err");
        try {
            Files.createDirectories(home);
            List<String> command =
                    new ArrayList<>(List.of("/bin/sh", dir.resolve(script).toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("HOME", home.toString());
            environment.put("LANG", "C");
            environment.putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within 5 minutes");
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        }
    }
}
