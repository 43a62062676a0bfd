package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI as a separate process: {@code java -jar thunder-ec2.jar} or bin/thunder-ec2. */
public final class Processes {

    /** What one process printed and returned, and how long it took. */
    record Result(int exitCode, String out, String err, long millis) {}

    private Processes() {}

    /** The shaded jar that {@code mvn package} built (set by the POM for the jar tests). */
    static Path jar() {
        String jar = System.getProperty("thunder.cli.jar");
        assertThat(jar)
                .as("system property thunder.cli.jar (set by the POM's jar-tests execution)")
                .isNotBlank();
        assertThat(Path.of(jar)).as("the shaded jar; built by mvn package").isRegularFile();
        return Path.of(jar);
    }

    /** {@code HOME=home java -jar thunder-ec2.jar ARGS}, stdin from {@code /dev/null} (no terminal). */
    static Result java(Path home, List<String> args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(javaBinary(), "-Daws.disableEc2Metadata=true", "-jar", jar().toString()));
        command.addAll(args);
        return run(command, home, Map.of());
    }

    /** Runs {@code command} in {@code workDir} with extra environment; waits at most two minutes. */
    static Result run(List<String> command, Path workDir, Map<String, String> env)
            throws IOException, InterruptedException {
        return run(command, workDir, env, Duration.ofMinutes(2));
    }

    /** Runs {@code command} in {@code workDir} with extra environment; waits at most {@code timeout}. */
    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Never the credentials or profile of whoever runs the build: what a test needs, it sets.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("THUNDER_EC2_"));
        // The test's directory is the process's HOME, as a user's shell sets it (Java's user.home is not).
        builder.environment().put("HOME", workDir.toString());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(err));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err), millis);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
