package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the test talks to while it runs: its input is written on demand, and the test waits
 * on what it printed. Output goes to files (stdout and stderr apart), so nothing it printed is lost
 * when it exits, whatever the timing.
 */
public final class BackgroundProcess implements AutoCloseable {

    private final Process process;
    private final List<String> command;
    private final Path out;
    private final Path err;

    private BackgroundProcess(Process process, List<String> command, Path out, Path err) {
        this.process = process;
        this.command = command;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code command} in {@code workDir} (where its output files go) with extra environment. */
    static BackgroundProcess start(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        Path out = Files.createTempFile(workDir, "process-", ".out");
        Path err = Files.createTempFile(workDir, "process-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("THUNDER_EC2_"));
        // The test's directory is the process's HOME, as a user's shell sets it (Java's user.home is not).
        builder.environment().put("HOME", workDir.toString());
        builder.environment().putAll(env);
        return new BackgroundProcess(builder.start(), List.copyOf(command), out, err);
    }

    /** Writes {@code text} to the process's standard input. */
    void type(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    /** Waits until stdout (or stderr) matches {@code pattern}; fails with both after {@code timeout} or an exit. */
    Matcher await(Pattern pattern, boolean onStderr, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(onStderr ? err() : out());
            if (matcher.find()) {
                return matcher;
            }
            boolean exited = !process.isAlive();
            if (exited || System.nanoTime() > deadline) {
                // Once more: it may have printed it just before it exited.
                matcher = pattern.matcher(onStderr ? err() : out());
                if (matcher.find()) {
                    return matcher;
                }
                throw new AssertionError((exited ? "exited (" + process.exitValue() + ") without " : "no ") + pattern
                        + " on " + (onStderr ? "stderr" : "stdout") + " of " + command + "\nstdout:\n" + out()
                        + "\nstderr:\n" + err());
            }
            // Waiting on the process doubles as the pause between looks, and notices an exit at once.
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until stdout contains {@code text}. */
    void awaitOut(String text, Duration timeout) throws InterruptedException {
        await(Pattern.compile(Pattern.quote(text)), false, timeout);
    }

    /** Waits for the exit; fails after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "still running after " + timeout + ": " + command + "\nstdout:\n" + out() + "\nstderr:\n" + err());
        }
        return process.exitValue();
    }

    /** The processes it started, and theirs. */
    java.util.stream.Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /** Sends SIGTERM (the CLI handles it as Ctrl-C's SIGINT). */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static String read(Path file) {
        try {
            // Leniently: the process may be halfway through writing a character.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
