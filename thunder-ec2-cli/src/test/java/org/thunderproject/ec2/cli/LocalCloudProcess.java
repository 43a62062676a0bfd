package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * A {@code thunder-ec2 -k mykey -i ~/mykey.pem local-cloud} process for the jar tests, as the guide
 * starts it, on any free port and serving the build's Spark runtime; started once it says where
 * its EC2 endpoint is and that Ctrl-C stops it.
 */
final class LocalCloudProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://127\\.0\\.0\\.1:(\\d+))");

    private final BackgroundProcess process;
    private final String endpoint;
    private final int port;

    private LocalCloudProcess(BackgroundProcess process, String endpoint, int port) {
        this.process = process;
        this.endpoint = endpoint;
        this.port = port;
    }

    /**
     * Starts one in {@code home} with {@code jvmOptions} and extra local-cloud {@code options}; skips
     * the test where the Spark runtime tarball was not built.
     */
    static LocalCloudProcess start(Path home, List<String> jvmOptions, String... options)
            throws IOException, InterruptedException {
        Path runtime = Path.of(System.getProperty(LocalCloud.SPARK_RUNTIME_PROPERTY, ""));
        // Failing, not assuming: an assumption in a class's @BeforeAll would silently run 0 tests.
        if (!Files.isRegularFile(runtime)) {
            throw new IllegalStateException("the Spark runtime tarball " + runtime + " is missing: build it with"
                    + " `mvn -DskipTests package` (module thunder-ec2-spark-runtime)");
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar", Processes.jar().toString(), "-k", "mykey", "-i", "~/mykey.pem", "local-cloud", "--port", "0"));
        command.addAll(List.of(options));
        command.addAll(List.of("--spark-runtime", runtime.toString()));
        BackgroundProcess process = BackgroundProcess.start(command, home, Map.of());
        try {
            Matcher matcher = process.await(ENDPOINT, false, PackagedCli.STEP);
            process.awaitOut("Press Ctrl-C to stop it", PackagedCli.STEP);
            return new LocalCloudProcess(process, matcher.group(1), Integer.parseInt(matcher.group(2)));
        } catch (RuntimeException | Error | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** The process, for what it printed. */
    BackgroundProcess process() {
        return process;
    }

    /** Its EC2 endpoint, {@code http://127.0.0.1:PORT}. */
    String endpoint() {
        return endpoint;
    }

    /** The port of {@link #endpoint()}. */
    int port() {
        return port;
    }

    /** Ctrl-C (here SIGTERM), then waits for the exit (at most {@link PackagedCli#STEP}). */
    void stop() throws InterruptedException {
        process.terminate();
        process.waitFor(PackagedCli.STEP);
    }

    @Override
    public void close() {
        process.close();
    }
}
