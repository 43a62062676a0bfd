package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.cli.Cli;

/**
 * The options of {@code spark-connect} and {@code submit}, and their usage errors — all before any
 * cloud is contacted (the end-to-end run is the examples' SparkConnectEndToEndTest).
 */
class SparkConnectAndSubmitOptionsTest {

    private static final String NOWHERE = "--endpoint-url=http://127.0.0.1:1";

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.withHome(home);
        Files.writeString(home.resolve("mykey.pem"), "key");
        Files.writeString(home.resolve("job.jar"), "not really a jar");
        Files.writeString(home.resolve("notes.txt"), "text");
    }

    @Test
    void sparkConnectPortsAndTheRemotePortFromLaunch() {
        SparkConnectCommand plain =
                cli.command(SparkConnectCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "spark-connect", "demo");
        assertThat(plain.localPort).isZero();
        assertThat(plain.spec().sparkConnectPort()).isEqualTo(SparkConnect.DEFAULT_REMOTE_PORT);
        SparkConnectCommand ports = cli.command(
                SparkConnectCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "spark-connect",
                "demo",
                "--local-port",
                "15002",
                "--remote-port",
                "16002");
        assertThat(ports.localPort).isEqualTo(15002);
        assertThat(ports.spec().sparkConnectPort()).isEqualTo(16002);
        assertThat(SparkConnectCommand.javaSnippet("sc://localhost:15002").lines())
                .containsExactly(
                        "var spark = org.apache.spark.sql.SparkSession.builder().remote(\"sc://localhost:15002\")"
                                + ".getOrCreate();",
                        "spark.range(1000).groupBy(org.apache.spark.sql.functions.col(\"id\").mod(10)).count().show();");

        LaunchCommand launch = cli.command(
                LaunchCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "launch",
                "demo",
                "--spark-connect-port",
                "16002");
        assertThat(launch.spec().sparkConnectPort()).isEqualTo(16002);
    }

    @Test
    void sparkConnectUsageErrors() {
        String[] key = {"-k", "mykey", "-i", "~/mykey.pem"};
        assertUsage(
                cli.run(concat(key, "spark-connect", "demo", "--local-port", "70000", NOWHERE)),
                "--local-port: 70000 is not a port");
        assertUsage(
                cli.run(concat(key, "spark-connect", "demo", "--remote-port", "0", NOWHERE)),
                "--remote-port: 0 is not a port");
        assertUsage(cli.run("spark-connect", "demo", NOWHERE), "spark-connect needs the key pair");
        assertUsage(
                cli.run(concat(key, "launch", "demo", "--spark-connect-port", "99999", NOWHERE)),
                "--spark-connect-port");
    }

    @Test
    void submitTakesTheApplicationItsClassPropertiesAndArguments() {
        SubmitCommand submit = cli.command(
                SubmitCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "submit",
                "demo",
                "~/job.jar",
                "--class",
                "com.example.Job",
                "--conf",
                "spark.executor.memory=2g",
                "--conf",
                "spark.sql.shuffle.partitions=8",
                "input.csv",
                "--",
                "--verbose");
        assertThat(submit.applicationFile()).isEqualTo(home.resolve("job.jar"));
        SubmitOptions options = submit.options();
        assertThat(options.mainClass()).contains("com.example.Job");
        assertThat(options.conf())
                .containsExactly(
                        java.util.Map.entry("spark.executor.memory", "2g"),
                        java.util.Map.entry("spark.sql.shuffle.partitions", "8"));
        assertThat(options.arguments()).isEqualTo(List.of("input.csv", "--verbose"));
    }

    @Test
    void submitUsageErrors() {
        String[] key = {"-k", "mykey", "-i", "~/mykey.pem"};
        assertUsage(
                cli.run(concat(key, "submit", "demo", "~/missing.jar", NOWHERE)),
                "submit: the application " + home.resolve("missing.jar") + " does not exist");
        assertUsage(
                cli.run(concat(key, "submit", "demo", "~/notes.txt", NOWHERE)),
                "submit: the application must be a .jar or .py file");
        assertUsage(
                cli.run(concat(key, "submit", "demo", "~/job.jar", "--conf", "novalue", NOWHERE)),
                "--conf: 'novalue' is not KEY=VALUE");
        assertUsage(
                cli.run(concat(key, "submit", "demo", "~/job.jar", "--class", "not a class", NOWHERE)),
                "--class: the main class must be a Java class name");
        assertUsage(cli.run("submit", "demo", "~/job.jar", NOWHERE), "submit needs the key pair");
    }

    private static String[] concat(String[] first, String... rest) {
        return java.util.stream.Stream.concat(List.of(first).stream(), List.of(rest).stream())
                .toArray(String[]::new);
    }

    private static void assertUsage(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
    }
}
