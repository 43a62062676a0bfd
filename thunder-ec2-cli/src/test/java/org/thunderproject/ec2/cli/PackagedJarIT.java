package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * The packaged command as users run it, in separate processes: the shaded jar and the
 * bin/thunder-ec2 launcher, with real exit codes from {@code System.exit}.
 */
class PackagedJarIT {

    @TempDir
    Path home;

    @Test
    void helpFromTheJar() throws Exception {
        Processes.Result result = Processes.java(home, List.of("--help"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("Usage: thunder-ec2 [OPTIONS] COMMAND")
                .contains("Exit codes:");
        assertThat(result.err()).isEmpty();
        System.out.println("cold start of 'java -jar thunder-ec2.jar --help' in this test: " + result.millis() + " ms");
    }

    @Test
    void launcherScriptFindsTheJarRelativeToItself() throws Exception {
        Path launcher = Path.of(System.getProperty("thunder.cli.launcher"));
        // Through a symlink elsewhere, as when installed into ~/bin.
        Path link = Files.createSymbolicLink(home.resolve("thunder-ec2"), launcher);
        Processes.Result result;
        try {
            result = Processes.run(
                    List.of("sh", "-c", "\"$0\" --version", link.toString()),
                    home,
                    Map.of("JAVA_HOME", System.getProperty("java.home")));
        } finally {
            Files.delete(link);
        }
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("thunder-ec2 ");
    }

    @Test
    void usageErrorExitsWithTwo() throws Exception {
        Path key = Files.writeString(home.resolve("mykey.pem"), "key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Processes.Result result = Processes.java(
                home,
                List.of(
                        "-k",
                        "mykey",
                        "-i",
                        key.toString(),
                        "-s",
                        "0",
                        "launch",
                        "demo",
                        "--endpoint-url=http://127.0.0.1:1"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("thunder-ec2: error: -s/--slaves: 0 slaves: a cluster needs 1 to 1000 slaves\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
    }

    @Test
    void theSeedsCredentialsComeFromTheEnvironment() throws Exception {
        // export AWS_ACCESS_KEY_ID=... / export AWS_SECRET_ACCESS_KEY=... (no --local: the AWS way, at an endpoint
        // here).
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            List<String> list = List.of(
                    Processes.javaBinary(),
                    "-Daws.disableEc2Metadata=true",
                    "-jar",
                    Processes.jar().toString(),
                    "list",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    cloud.endpoint().toString());
            Processes.Result withKeys = Processes.run(
                    list,
                    home,
                    Map.of(
                            "AWS_ACCESS_KEY_ID",
                            "AKIDEXAMPLE",
                            "AWS_SECRET_ACCESS_KEY",
                            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
            assertThat(withKeys.exitCode()).as(withKeys.err()).isZero();
            assertThat(withKeys.err()).isEqualTo("No clusters in us-east-1.\n");

            Processes.Result without = Processes.run(list, home, Map.of());
            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err())
                    .isEqualTo("thunder-ec2: error: no AWS credentials found: export AWS_ACCESS_KEY_ID and"
                            + " AWS_SECRET_ACCESS_KEY, or use --profile NAME (or --local for a local cloud)\n");
        }
    }

    @Test
    void destroyOfAMissingClusterIsNothingToDestroy() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            List<String> destroy = List.of("destroy", "demo", "--local", "--endpoint-url=" + cloud.endpoint());
            Processes.Result result = Processes.java(home, destroy);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).isEqualTo("Nothing to destroy: there is no cluster named 'demo' in us-east-1.\n");
            assertThat(result.out()).isEmpty();
        }
    }
}
