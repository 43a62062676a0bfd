package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.cli.DocShellCommands.ROOT;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.DocShellCommands.Located;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.LocalCloudServer;

/**
 * The docs' commands for the local cloud itself run as shown: the standalone jar starts with the
 * documented options, and the {@code curl} commands on its fault endpoint and the {@code aws} CLI
 * commands succeed against a local cloud (at its own port instead of the documented 4566). They
 * are the {@link DocumentedOtherCommands#OTHERS} that name this test.
 */
class DocumentedLocalCloudCommandsTest {

    private static final String LOCAL_CLOUD_ADDRESS = "127.0.0.1:4566";

    @TempDir
    static Path home;

    @Test
    void standaloneLocalCloudCommandsStart() {
        List<Located> servers = documented("java");
        for (Located command : servers) {
            List<String> args = new ArrayList<>(
                    command.simple().args().subList(2, command.simple().args().size()));
            // Any free port and a temporary directory: the documented ones may be in use on this machine.
            int port = args.indexOf("--port");
            if (port >= 0) {
                args.set(port + 1, "0");
            } else {
                args.addAll(List.of("--port", "0"));
            }
            int dataDir = args.indexOf("--data-dir");
            if (dataDir >= 0) {
                args.set(
                        dataDir + 1,
                        home.resolve("data-" + command.line().lineNumber()).toString());
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (LocalCloud cloud = LocalCloudServer.start(
                    args.toArray(new String[0]), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
                assertThat(cloud).as(command.line().toString()).isNotNull();
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("EC2 endpoint " + cloud.endpoint());
            }
        }
    }

    @Test
    void faultEndpointCommandsAnswer() throws Exception {
        List<Located> curls = documented("curl");
        if (curls.isEmpty()) {
            return;
        }
        assumeTrue(onPath("curl"), "curl is not installed");
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            for (Located command : curls) {
                // Status code only: the command's own output is the faults in force.
                Shell result = shell(onCloud(command, cloud) + " -sS -o /dev/null -w '%{http_code}'");
                assertThat(result.exitCode())
                        .as(command.line() + ": " + result.output())
                        .isZero();
                assertThat(result.output()).as(command.line().toString()).isEqualTo("200");
                cloud.faults().clear();
            }
        }
    }

    @Test
    void awsCliCommandsWork() throws Exception {
        List<Located> awsCommands = documented("aws");
        if (awsCommands.isEmpty()) {
            return;
        }
        assumeTrue(onPath("aws"), "the aws CLI is not installed");
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            for (Located command : awsCommands) {
                Shell result = shell(onCloud(command, cloud));
                assertThat(result.exitCode())
                        .as(command.line() + ": " + result.output())
                        .isZero();
            }
        }
    }

    /** The documented commands that run {@code program}. */
    private static List<Located> documented(String program) {
        return DocShellCommands.located(ROOT).stream()
                .filter(c -> c.simple().program().equals(program))
                .toList();
    }

    private static String onCloud(Located command, LocalCloud cloud) {
        String text = command.line().text();
        assertThat(text)
                .as(command.line() + " uses the local cloud's documented address")
                .contains(LOCAL_CLOUD_ADDRESS);
        return text.replace(LOCAL_CLOUD_ADDRESS, cloud.endpoint().getAuthority());
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Shell(int exitCode, String output) {}

    private static Shell shell(String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "shell", ".out");
        Process process = new ProcessBuilder("sh", "-c", command)
                .directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 2 minutes: " + command);
        }
        return new Shell(process.exitValue(), Files.readString(out).strip());
    }
}
