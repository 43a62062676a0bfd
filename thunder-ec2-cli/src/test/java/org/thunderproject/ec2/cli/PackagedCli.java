package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The packaged CLI as a user runs it against a {@code thunder-ec2 local-cloud} process, for the jar
 * tests: {@code java -jar thunder-ec2.jar --local --endpoint-url ENDPOINT ARGS}, one process a
 * command, with the test's directory as HOME; run to the end, in the background, or on a
 * pseudo-terminal.
 */
final class PackagedCli {
    /** How long one command may take unless it says otherwise. */
    static final Duration STEP = Duration.ofMinutes(2);

    private final Path home;
    private final String endpoint;
    private final List<String> jvmOptions;

    /** The CLI against the local cloud at {@code endpoint}, run in {@code home} with extra {@code jvmOptions}. */
    PackagedCli(Path home, String endpoint, String... jvmOptions) {
        this.home = home;
        this.endpoint = endpoint;
        this.jvmOptions = List.of(jvmOptions);
    }

    /**
     * {@code -k mykey -i ~/mykey.pem ARGS}: the guide's key options (the key pair a {@link
     * LocalCloudProcess} makes) before {@code args}.
     */
    static String[] keyed(String... args) {
        return Stream.concat(Stream.of("-k", "mykey", "-i", "~/mykey.pem"), Stream.of(args))
                .toArray(String[]::new);
    }

    /** {@code java [JVM options] -jar thunder-ec2.jar --local --endpoint-url ENDPOINT ARGS}. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Daws.disableEc2Metadata=true",
                "-jar",
                Processes.jar().toString(),
                "--local",
                "--endpoint-url",
                endpoint));
        command.addAll(List.of(args));
        return command;
    }

    /** {@link #command} as one {@code sh} command line, every word quoted. */
    String shellCommand(String... args) {
        return String.join(
                " ",
                command(args).stream()
                        .map(w -> "'" + w.replace("'", "'\\''") + "'")
                        .toList());
    }

    /** Runs the CLI with {@code args} to its end (at most {@link #STEP}), no terminal. */
    Processes.Result run(String... args) throws IOException, InterruptedException {
        return run(STEP, args);
    }

    /** Runs the CLI with {@code args} to its end (at most {@code timeout}), no terminal. */
    Processes.Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return Processes.run(command(args), home, Map.of(), timeout);
    }

    /**
     * TLS trusting the notebook certificate the master of {@code cluster} made, fetched the way a
     * user could: with run-command.
     */
    SSLContext trustingTheNotebookOf(String cluster) throws Exception {
        Processes.Result cat = run(
                keyed("run-command", cluster, "--master-only", "-q", "cat", ".thunder-ec2/notebook/ssl/notebook.crt"));
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        return NotebookHttp.trusting(cat.out().replaceAll("(?m)^\\[master [^]]+\\] ", ""));
    }

    /** Starts the CLI with {@code args} in the background, its input and output pipes. */
    BackgroundProcess start(String... args) throws IOException {
        return BackgroundProcess.start(command(args), home, Map.of());
    }

    /**
     * Starts {@code sh} command line {@code line} on a pseudo-terminal (util-linux {@code script}),
     * TERM=xterm; skips the test where {@code script} is not installed.
     */
    BackgroundProcess onATerminal(String line) throws IOException {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/script")),
                "util-linux 'script' (for a pseudo-terminal) is not" + " installed at /usr/bin/script");
        return BackgroundProcess.start(
                List.of("/usr/bin/script", "-q", "-e", "-c", line, "/dev/null"), home, Map.of("TERM", "xterm"));
    }
}
