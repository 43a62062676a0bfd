package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.cli.Cli;
import org.thunderproject.ec2.cli.options.LocalCloudFile;

/**
 * The notebook command's options, the Spark options, and the defaults {@code --local} takes from a
 * running {@code local-cloud} (its advertisement file) — all before any cloud is contacted.
 */
class NotebookAndLocalDefaultsTest {

    private static final String NOWHERE = "--endpoint-url=http://127.0.0.1:1";

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.withHome(home);
        Files.writeString(home.resolve("mykey.pem"), "key");
    }

    @Test
    void notebookOverSslWithAPasswordFile() throws Exception {
        Path file = Files.writeString(home.resolve("nb.pass"), "s3cret words\nignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        NotebookCommand notebook = cli.command(
                NotebookCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "notebook",
                "demo",
                "--ssl",
                "--password-file",
                "~/nb.pass");
        assertThat(notebook.spec().name()).isEqualTo("demo");
        assertThat(notebook.access()).isInstanceOfSatisfying(SslNotebook.class, ssl -> assertThat(ssl.password())
                .contains("s3cret words"));
        // The password is never in what the access says about itself.
        assertThat(notebook.access().toString()).doesNotContain("s3cret");

        NotebookCommand generated = cli.command(NotebookCommand.class, "notebook", "demo", "--ssl");
        assertThat(generated.access()).isInstanceOfSatisfying(SslNotebook.class, ssl -> assertThat(ssl.password())
                .isEmpty());
    }

    @Test
    void notebookThroughATunnel() {
        NotebookCommand seed = cli.command(NotebookCommand.class, "notebook", "demo", "--ssh-tunnel");
        assertThat(seed.access()).isInstanceOfSatisfying(SshTunnelNotebook.class, tunnel -> {
            assertThat(tunnel.localPort()).isEqualTo(8888);
            assertThat(tunnel.remotePort()).isEqualTo(8888);
            assertThat(tunnel.password()).isEmpty();
        });
        NotebookCommand ports = cli.command(
                NotebookCommand.class,
                "notebook",
                "demo",
                "--ssh-tunnel",
                "--local-port",
                "0",
                "--remote-port",
                "18888");
        assertThat(ports.access()).isInstanceOfSatisfying(SshTunnelNotebook.class, tunnel -> {
            assertThat(tunnel.localPort()).isZero();
            assertThat(tunnel.remotePort()).isEqualTo(18888);
        });
    }

    @Test
    void notebookOptionErrors() throws Exception {
        String[] key = {"-k", "mykey", "-i", "~/mykey.pem"};
        assertUsage(
                cli.run(concat(key, "notebook", "demo", NOWHERE)),
                "notebook: give exactly one of --ssl and --ssh-tunnel");
        assertUsage(
                cli.run(concat(key, "notebook", "demo", "--ssl", "--ssh-tunnel", NOWHERE)),
                "notebook: give exactly one of --ssl and --ssh-tunnel");
        assertUsage(
                cli.run(concat(key, "notebook", "demo", "--ssl", "--local-port", "9999", NOWHERE)),
                "--local-port and --remote-port go with --ssh-tunnel");
        assertUsage(
                cli.run(concat(key, "notebook", "demo", "--ssh-tunnel", "--local-port", "70000", NOWHERE)),
                "--local-port: 70000 is not a port");
        assertUsage(
                cli.run(concat(key, "notebook", "demo", "--ssl", "--password-file", "~/none", NOWHERE)),
                "--password-file: cannot read " + home.resolve("none"));
        Files.writeString(home.resolve("empty.pass"), "\nsecond line\n");
        assertUsage(
                cli.run(concat(key, "notebook", "demo", "--ssl", "--password-file", "~/empty.pass", NOWHERE)),
                "--password-file: the first line of " + home.resolve("empty.pass") + " is empty");
        assertUsage(cli.run("notebook", "demo", "--ssl", NOWHERE), "notebook needs the key pair");
    }

    @Test
    void aPasswordFileOthersCanReadIsUsedWithAWarning() throws Exception {
        Path file = Files.writeString(home.resolve("open.pass"), "pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result result = cli.run(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "notebook",
                "demo",
                "--ssl",
                "--password-file",
                "~/open.pass",
                "--local",
                NOWHERE);
        assertThat(result.err())
                .startsWith("warning: --password-file " + file + " is readable by other users;" + " 'chmod 600 " + file
                        + "' keeps the notebook password yours\n");
        // Then it went on, to the cloud that is not there.
        assertThat(result.err()).contains("thunder-ec2: error: nothing answers at http://127.0.0.1:1");
    }

    @Test
    void sparkOptionsReachTheSpec() {
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "--spark-version",
                        "3.5.6",
                        "launch",
                        "demo",
                        "--spark-url",
                        "file:///opt/spark.tgz",
                        "--spark-worker-cores",
                        "3",
                        "--spark-worker-memory",
                        "2g",
                        "--python-packages",
                        "thunder-python==1.4.2,numpy",
                        "--python-package-index",
                        "https://pypi.example.org/simple")
                .spec();
        assertThat(spec.sparkVersion()).isEqualTo("3.5.6");
        assertThat(spec.sparkDownloadUrl()).contains("file:///opt/spark.tgz");
        assertThat(spec.sparkWorkerCores()).hasValue(3);
        assertThat(spec.sparkWorkerMemory()).contains("2g");
        assertThat(spec.pythonPackages()).containsExactly("thunder-python==1.4.2", "numpy");
        assertThat(spec.pythonPackageIndex()).contains("https://pypi.example.org/simple");
        assertThat(cli.command(
                                LaunchCommand.class,
                                "-k",
                                "mykey",
                                "-i",
                                "~/mykey.pem",
                                "launch",
                                "demo",
                                "--python-packages",
                                "none")
                        .spec()
                        .pythonPackages())
                .isEmpty();
        // On EC2 nothing of ours stands in: the spec's defaults do.
        ClusterSpec plain = cli.command(LaunchCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "launch", "demo")
                .spec();
        assertThat(plain.sparkDownloadUrl()).isEmpty();
        assertThat(plain.pythonPackages()).isEqualTo(ClusterSpec.DEFAULT_PYTHON_PACKAGES);
        assertThat(plain.sparkWorkerMemory()).isEmpty();
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--spark-worker-memory", "12", NOWHERE),
                "--spark-worker-memory: ");
    }

    @Test
    void localTakesTheSshPortAndSparkRuntimeTheLocalCloudAdvertises() throws Exception {
        Path file = LocalCloudFile.write(
                home.resolve(".thunder-ec2"),
                4599,
                new LocalCloudFile.Advertised(
                        2299, Optional.of("http://127.0.0.1:4600/spark/spark-4.0.1-bin-thunder.tgz")));
        assertThat(file).isEqualTo(home.resolve(".thunder-ec2/local-cloud-4599.properties"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalCloudFile.read(home.resolve(".thunder-ec2"), URI.create("http://127.0.0.1:4599")))
                .contains(new LocalCloudFile.Advertised(
                        2299, Optional.of("http://127.0.0.1:4600/spark/spark-4.0.1-bin-thunder.tgz")));

        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "--local",
                        "--endpoint-url",
                        "http://127.0.0.1:4599",
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "launch",
                        "demo")
                .spec();
        assertThat(spec.sshPort()).isEqualTo(2299);
        assertThat(spec.sparkDownloadUrl()).contains("http://127.0.0.1:4600/spark/spark-4.0.1-bin-thunder.tgz");
        assertThat(spec.sparkWorkerMemory()).contains("512m");
        assertThat(spec.pythonPackages()).isEmpty();

        // What the command line says wins.
        ClusterSpec given = cli.command(
                        LaunchCommand.class,
                        "--local",
                        "--endpoint-url",
                        "http://127.0.0.1:4599",
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "launch",
                        "demo",
                        "--ssh-port",
                        "2022",
                        "--spark-url",
                        "file:///x.tgz",
                        "--spark-worker-memory",
                        "1g")
                .spec();
        assertThat(given.sshPort()).isEqualTo(2022);
        assertThat(given.sparkDownloadUrl()).contains("file:///x.tgz");
        assertThat(given.sparkWorkerMemory()).contains("1g");
    }

    @Test
    void withoutAnAdvertisementLocalKnowsOnlyTheDefaultSshPort() {
        LaunchCommand launch = cli.command(
                LaunchCommand.class,
                "--local",
                "--endpoint-url",
                "http://127.0.0.1:4598",
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "launch",
                "demo",
                "--until",
                "ssh_ready");
        ClusterSpec spec = launch.spec();
        assertThat(spec.sshPort()).isEqualTo(LocalCloudCommand.DEFAULT_SSH_PORT);
        assertThat(spec.sparkDownloadUrl()).isEmpty();
        assertThat(spec.pythonPackages()).isEmpty();
    }

    @Test
    void aBrokenAdvertisementSaysWhatToDo() throws Exception {
        Path file = home.resolve(".thunder-ec2/local-cloud-4597.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "spark-url=http://127.0.0.1:1/x.tgz\n");
        Cli.Result result = cli.run(
                "--local",
                "--endpoint-url",
                "http://127.0.0.1:4597",
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "launch",
                "demo");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("thunder-ec2: error: " + file + " has no valid ssh-port: restart"
                        + " 'thunder-ec2 local-cloud', or delete the file\n");
    }

    private static String[] concat(String[] first, String... rest) {
        return java.util.stream.Stream.concat(List.of(first).stream(), List.of(rest).stream())
                .toArray(String[]::new);
    }

    private static void assertUsage(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.err()
                        .lines()
                        .filter(l -> l.startsWith("thunder-ec2: error:"))
                        .count())
                .isEqualTo(1);
        assertThat(result.out()).isEmpty();
    }
}
