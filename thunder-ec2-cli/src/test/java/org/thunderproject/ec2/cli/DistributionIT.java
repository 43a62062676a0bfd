package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution {@code thunder-ec2-VERSION.tar.gz}, unpacked into a temporary directory and
 * run from its {@code bin/} on the PATH with {@code HOME} a temporary directory: the version, a
 * local cloud with a launch and a destroy, and Ctrl-C (SIGTERM) in the middle of a launch.
 */
class DistributionIT {

    private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration STEP = Duration.ofMinutes(3);

    @TempDir
    Path home;

    Path bin;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("thunder.cli.distribution"));
        assertThat(tarball).as("the distribution; built by mvn package").isRegularFile();
        Path unpacked = Files.createDirectories(home.resolve("opt"));
        Processes.Result tar =
                Processes.run(List.of("tar", "xzf", tarball.toString(), "-C", unpacked.toString()), home, Map.of());
        assertThat(tar.exitCode()).as(tar.err()).isZero();
        String dir = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        bin = unpacked.resolve(dir).resolve("bin");
        assertThat(bin.resolve("thunder-ec2")).isExecutable();
        assertThat(unpacked.resolve(dir).resolve("lib/thunder-ec2.jar")).isRegularFile();
        // For the launcher's boot class path (docs/performance.md).
        assertThat(unpacked.resolve(dir).resolve("lib/picocli.jar")).isRegularFile();
        assertThat(unpacked.resolve(dir).resolve("README.md")).content().contains("thunder-ec2 --version");
        assertThat(unpacked.resolve(dir).resolve("share/bash-completion/completions/thunder-ec2"))
                .content()
                .contains("complete -F")
                .contains("launch");
    }

    @Test
    void versionAndALocalCloudRoundFromThePath() throws Exception {
        Processes.Result version = thunder("--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("thunder-ec2 ");

        try (BackgroundProcess cloud = localCloud()) {
            String endpoint = cloud.await(ENDPOINT, false, STEP).group(1);
            cloud.awaitOut("Press Ctrl-C to stop it", STEP);
            Processes.Result launch = thunder(
                    "--local",
                    "--endpoint-url",
                    endpoint,
                    "-k",
                    "mykey",
                    "-i",
                    "~/mykey.pem",
                    "-s",
                    "1",
                    "launch",
                    "demo",
                    "--until",
                    "ssh_ready");
            assertThat(launch.exitCode()).as(launch.err()).isZero();
            assertThat(launch.out()).startsWith("Cluster successfully launched!\nMaster: 127.");
            Processes.Result destroy = thunder("--local", "--endpoint-url", endpoint, "destroy", "demo", "-y");
            assertThat(destroy.exitCode()).as(destroy.err()).isZero();
            assertThat(destroy.err()).endsWith("Cluster 'demo' destroyed.\n");
            // The CLI's files are under $HOME, not Java's user.home, and private.
            assertThat(home.resolve(".thunder-ec2")).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".thunder-ec2"))))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void sigtermDuringALaunchSaysWhatExistsAndHowToFinishOrRemoveIt() throws Exception {
        // Nodes that never answer SSH in time: the launch waits, and is interrupted while it does.
        try (BackgroundProcess cloud = localCloud("--ssh-boot-delay", "60m")) {
            String endpoint = cloud.await(ENDPOINT, false, STEP).group(1);
            cloud.awaitOut("Press Ctrl-C to stop it", STEP);
            String options = "--local --endpoint-url " + endpoint + " -k mykey -i ~/mykey.pem";
            List<String> command = onThePath(options.split(" "));
            command.addAll(List.of("-s", "2", "launch", "half", "--until", "ssh_ready"));
            try (BackgroundProcess launch = BackgroundProcess.start(command, home, environment())) {
                launch.await(Pattern.compile("Waiting for the nodes to answer SSH"), true, STEP);
                launch.terminate();
                assertThat(launch.waitFor(STEP)).as(launch.err()).isEqualTo(130);
                Matcher report = Pattern.compile(
                                "(?m)^thunder-ec2: interrupted: the launch of cluster 'half' stopped before it"
                                        + " was done\\.\nNow in us-east-1: 3 nodes: 1 running master, 2 running slaves; security groups"
                                        + " half-master \\(sg-\\w+\\), half-slaves \\(sg-\\w+\\)\\.\n"
                                        + "Finish it:  (.*)\nRemove it:  (.*)\n\\z")
                        .matcher(launch.err());
                assertThat(report.find()).as(launch.err()).isTrue();
                assertThat(report.group(1)).isEqualTo("thunder-ec2 " + options + " launch half --resume");
                assertThat(report.group(2)).isEqualTo("thunder-ec2 " + options + " destroy half");
            }
            Processes.Result destroy =
                    thunder(("--local --endpoint-url " + endpoint + " destroy half -y -q").split(" "));
            assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        }
    }

    private BackgroundProcess localCloud(String... extra) throws Exception {
        List<String> command = onThePath("-k", "mykey", "-i", "~/mykey.pem", "local-cloud", "--port", "0");
        command.addAll(List.of(extra));
        Files.deleteIfExists(home.resolve("mykey.pem"));
        return BackgroundProcess.start(command, home, environment());
    }

    private Processes.Result thunder(String... args) throws Exception {
        return Processes.run(onThePath(args), home, environment(), STEP);
    }

    // As a user types it: 'thunder-ec2 ARGS', found on the PATH.
    private static List<String> onThePath(String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec thunder-ec2 \"$@\"", "thunder-ec2"));
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, String> environment() {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "JAVA_HOME", System.getProperty("java.home"));
    }
}
