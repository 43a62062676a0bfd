package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The standalone server: in-process, as a separate JVM, and (where installed) driven by the aws CLI. */
class LocalCloudServerTest {

    private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://127\\.0\\.0\\.1:\\d+)");

    private static URI endpoint(String output) {
        Matcher m = ENDPOINT.matcher(output);
        assertThat(m.find()).as("endpoint printed in: " + output).isTrue();
        return URI.create(m.group(1));
    }

    @Test
    void startsWithFlagsAndFaultsAndPrintsItsEndpoint() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalCloud cloud = LocalCloudServer.start(
                        new String[] {
                            "--port",
                            "0",
                            "--region",
                            "eu-central-1",
                            "--ssh-port=2200",
                            "--throttle-next",
                            "1",
                            "--throttle-action",
                            "DescribeRegions",
                            "--insufficient-capacity",
                            "t3.micro@eu-central-1a",
                            "--never-pending",
                            "1",
                            "--pending-ms",
                            "100"
                        },
                        new PrintStream(printed, true, StandardCharsets.UTF_8));
                Ec2Client ec2 = TestSupport.noRetryClient(cloud)) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(endpoint(output)).isEqualTo(cloud.endpoint());
            assertThat(output).contains("aws --endpoint-url " + cloud.endpoint(), "/_localcloud/faults");
            assertThat(cloud.region()).isEqualTo("eu-central-1");
            assertThat(cloud.sshPort()).isEqualTo(2200);
            assertThat(cloud.faults().toString())
                    .contains("t3.micro@eu-central-1a", "neverLeavePending=1", "pending=100ms");

            assertThat(TestSupport.errorCode(ec2::describeRegions)).isEqualTo("RequestLimitExceeded");
            assertThat(ec2.describeRegions().regions()).isNotEmpty();
            assertThat(ec2.describeAvailabilityZones()
                            .availabilityZones()
                            .get(0)
                            .zoneName())
                    .isEqualTo("eu-central-1a");
        }
    }

    @Test
    void sshIsOnByDefaultWithItsBootDelayAndCanBeTurnedOff() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LocalCloud cloud = LocalCloudServer.start(new String[] {"--port", "0"}, out)) {
            assertThat(cloud.sshEnabled()).isTrue();
            assertThat(cloud.sshBootDelay()).isEqualTo(java.time.Duration.ofSeconds(1));
        }
        try (LocalCloud cloud =
                LocalCloudServer.start(new String[] {"--port", "0", "--ssh-boot-delay", "250ms"}, out)) {
            assertThat(cloud.sshBootDelay()).isEqualTo(java.time.Duration.ofMillis(250));
        }
        try (LocalCloud cloud = LocalCloudServer.start(new String[] {"--port", "0", "--ssh-boot-delay=2s"}, out)) {
            assertThat(cloud.sshBootDelay()).isEqualTo(java.time.Duration.ofSeconds(2));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalCloud cloud = LocalCloudServer.start(
                new String[] {"--no-ssh", "--port", "0"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(cloud.sshEnabled()).isFalse();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("not SSH hosts");
        }
    }

    @Test
    void rateLimitsAndBootSpreadsAreOptions() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalCloud cloud = LocalCloudServer.start(
                new String[] {
                    "--port",
                    "0",
                    "--no-ssh",
                    "--api-rate-limits=ec2",
                    "--pending-spread",
                    "100ms",
                    "--ssh-boot-spread=2s",
                    "--seed",
                    "7"
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(cloud.apiRateLimits()).isEqualTo(ApiRateLimits.EC2);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("API rate limits: EC2");
        }
        try (LocalCloud cloud = LocalCloudServer.start(
                new String[] {"--port", "0", "--no-ssh"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(cloud.apiRateLimits()).as("off by default").isEqualTo(ApiRateLimits.NONE);
        }
    }

    @Test
    void badOptionsAreRefused() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--port", "x"}, out))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--turbo", "1"}, out))
                .hasMessageContaining("--turbo");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--region"}, out))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() ->
                        LocalCloudServer.start(new String[] {"--port", "0", "--throttle-action", "RunInstances"}, out))
                .hasMessageContaining("--throttle-next");
        assertThatThrownBy(() -> LocalCloudServer.start(
                        new String[] {"--port", "0", "--insufficient-capacity", "m5.large"}, out))
                .hasMessageContaining("TYPE@ZONE");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--port", "0", "--ssh-boot-delay", "soon"}, out))
                .hasMessageContaining("--ssh-boot-delay");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--port", "0", "--no-ssh=yes"}, out))
                .hasMessageContaining("--no-ssh");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--port", "0", "--api-rate-limits", "aws"}, out))
                .hasMessageContaining("none or ec2");
        assertThatThrownBy(() -> LocalCloudServer.start(new String[] {"--port", "0", "--pending-spread", "-1s"}, out))
                .hasMessageContaining("pendingSpread");
    }

    @Test
    void helpPrintsUsage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(LocalCloudServer.start(
                        new String[] {"--help"}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isNull();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--port N", "--throttle-next N");
    }

    @Test
    void runsAsItsOwnProcessUntilKilled(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalCloudServer.class.getName(),
                        "--port",
                        "0")
                .redirectError(log.toFile())
                .start();
        try {
            BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                        try {
                            return stdout.readLine();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .get(60, TimeUnit.SECONDS);
            assertThat(first)
                    .as("first line; log: %s", Files.exists(log) ? Files.readString(log) : "")
                    .isNotNull();
            URI endpoint = endpoint(first);
            try (Ec2Client ec2 = Ec2Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .build()) {
                assertThat(ec2.describeAvailabilityZones().availabilityZones()).hasSize(3);
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS))
                    .as("server stops when killed")
                    .isTrue();
        }
        assertThat(Files.readString(log)).contains("closed");
    }

    @Test
    void theAwsCliTalksToIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(awsCliWorks(dir), "the aws CLI is not installed here");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalCloud cloud = LocalCloudServer.start(
                new String[] {"--port", "0"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String zones = aws(
                    dir,
                    "--endpoint-url",
                    cloud.endpoint().toString(),
                    "--region",
                    "us-east-1",
                    "--output",
                    "text",
                    "ec2",
                    "describe-availability-zones",
                    "--query",
                    "AvailabilityZones[].ZoneName");
            assertThat(zones.trim().split("\\s+")).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        }
    }

    private static boolean awsCliWorks(Path dir) {
        try {
            aws(dir, "--version");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String aws(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        builder.environment()
                .put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("aws " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
