package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.Cli;
import org.thunderproject.ec2.cli.options.DurationConverter;

/**
 * The command lines of login, run-command, copy-file, add-slaves and remove-slaves: what they
 * mean, and bad ones ending with one clear line before any cloud is contacted (the endpoint is a
 * closed loopback port, so a regression fails here instead of reaching out).
 */
class ClusterCommandLineTest {

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
    void loginAsTheSeedTypesIt() {
        LoginCommand login = cli.command(
                LoginCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "login",
                "demo",
                "--ssh-port-forwarding",
                "8888:8888");
        assertThat(login.spec().name()).isEqualTo("demo");
        assertThat(login.spec().identityFile()).contains(home.resolve("mykey.pem"));
        assertThat(login.forwardings).containsExactly(new PortForwarding(8888, 8888));
        LoginCommand plain = cli.command(LoginCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "login", "demo");
        assertThat(plain.forwardings).isEmpty();
        LoginCommand two = cli.command(
                LoginCommand.class,
                "login",
                "demo",
                "--ssh-port-forwarding",
                "9999:8888",
                "--ssh-port-forwarding=4040:4040");
        assertThat(two.forwardings).containsExactly(new PortForwarding(9999, 8888), new PortForwarding(4040, 4040));
    }

    @Test
    void loginNeedsTheKeyPair() {
        assertUsage(cli.run("login", "demo", NOWHERE), "login needs the key pair: give -k KEY_PAIR -i FILE");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/missing.pem", "login", "demo", NOWHERE),
                "-i/--identity-file: " + home.resolve("missing.pem") + " does not exist");
    }

    @Test
    void badPortForwarding() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "login", "demo", "--ssh-port-forwarding", "8888", NOWHERE),
                "thunder-ec2: error: --ssh-port-forwarding: '8888' is not LOCAL_PORT:REMOTE_PORT, like 8888:8888\n"
                        + "Try 'thunder-ec2 login --help' for more information.");
        assertUsage(
                cli.run("login", "demo", "--ssh-port-forwarding", "70000:8888", NOWHERE),
                "the local port must be a number from 1 to 65535");
    }

    @Test
    void runCommandJoinsTheWordsOfTheCommand() {
        RunCommandCommand run = cli.command(
                RunCommandCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "run-command", "demo", "ls", "-l", "/tmp");
        assertThat(run.target.name()).isEqualTo("demo");
        assertThat(run.commandLine()).isEqualTo("ls -l /tmp");
        assertThat(run.masterOnly).isFalse();

        RunCommandCommand quoted =
                cli.command(RunCommandCommand.class, "run-command", "--master-only", "demo", "df -h /");
        assertThat(quoted.commandLine()).isEqualTo("df -h /");
        assertThat(quoted.masterOnly).isTrue();

        // Options thunder-ec2 knows are its own, wherever they are, unless after '--'.
        RunCommandCommand mixed =
                cli.command(RunCommandCommand.class, "run-command", "demo", "uptime", "--master-only");
        assertThat(mixed.commandLine()).isEqualTo("uptime");
        assertThat(mixed.masterOnly).isTrue();
        RunCommandCommand dashed =
                cli.command(RunCommandCommand.class, "run-command", "demo", "--", "grep", "-v", "--master-only", "log");
        assertThat(dashed.commandLine()).isEqualTo("grep -v --master-only log");
        assertThat(dashed.masterOnly).isFalse();
    }

    @Test
    void runCommandNeedsACommandAndTheKeyPair() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "run-command", "demo", NOWHERE),
                "Missing required parameter: 'CMD'");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "run-command", "demo", " ", NOWHERE),
                "run-command: the command is empty");
        assertUsage(cli.run("run-command", "demo", "uptime", NOWHERE), "run-command needs the key pair");
    }

    @Test
    void copyFileChecksTheLocalFileFirst() {
        CopyFileCommand copy = cli.command(
                CopyFileCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "copy-file",
                "demo",
                "~/mykey.pem",
                "/tmp/x",
                "--master-only");
        assertThat(copy.localPath()).isEqualTo(home.resolve("mykey.pem"));
        assertThat(copy.remote).isEqualTo("/tmp/x");
        assertThat(copy.masterOnly).isTrue();
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "copy-file", "demo", "~/nothing.txt", "x", NOWHERE),
                "copy-file: " + home.resolve("nothing.txt") + " does not exist (LOCAL)");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "copy-file", "demo", "~/mykey.pem", NOWHERE),
                "Missing required parameter: 'REMOTE'");
        assertUsage(cli.run("copy-file", "demo", "~/mykey.pem", "x", NOWHERE), "copy-file needs the key pair");
    }

    @Test
    void addAndRemoveSlavesNeedAPositiveNumber() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "add-slaves", "demo", "0", NOWHERE),
                "add-slaves: N must be at least 1, not 0");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "add-slaves", "demo", "two", NOWHERE),
                "thunder-ec2: error: N: 'two' is not a whole number, like 2\n");
        assertUsage(cli.run("add-slaves", "demo", "1", NOWHERE), "add-slaves needs the key pair");
        assertUsage(
                cli.run("remove-slaves", "demo", "-1", "-y", NOWHERE), "remove-slaves: N must be at least 1, not -1");
        assertUsage(cli.run("remove-slaves", "demo", NOWHERE), "Missing required parameter: 'N'");
    }

    @Test
    void readyTimeoutOnLaunchStartAndAddSlaves() {
        String[] key = {"-k", "mykey", "-i", "~/mykey.pem"};
        assertThat(cli.command(LaunchCommand.class, concat(key, "launch", "demo", "--ready-timeout", "90s"))
                        .spec()
                        .readyTimeout())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(cli.command(LaunchCommand.class, concat(key, "launch", "demo", "--resume", "--ready-timeout", "30m"))
                        .spec()
                        .readyTimeout())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(cli.command(StartCommand.class, concat(key, "start", "demo", "--ready-timeout", "2m"))
                        .spec()
                        .readyTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(cli.command(AddSlavesCommand.class, concat(key, "add-slaves", "demo", "1", "--ready-timeout", "45s"))
                        .spec()
                        .readyTimeout())
                .isEqualTo(Duration.ofSeconds(45));
        // Without it, the library's default.
        assertThat(cli.command(LaunchCommand.class, concat(key, "launch", "demo"))
                        .spec()
                        .readyTimeout())
                .isEqualTo(Duration.ofMinutes(15));
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void addSlavesTakesLaunchOptionsOnEitherSide() {
        AddSlavesCommand add = cli.command(
                AddSlavesCommand.class,
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "--spot-price",
                "0.1",
                "add-slaves",
                "demo",
                "3",
                "-u",
                "ubuntu");
        assertThat(add.count).isEqualTo(3);
        assertThat(add.spec().spotPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.1"));
        assertThat(add.spec().user()).isEqualTo("ubuntu");
    }

    @Test
    void startNeedsTheKeyPairUnlessItStopsAtTheInfrastructure() {
        assertUsage(cli.run("start", "demo", NOWHERE), "start needs the key pair: give -k KEY_PAIR -i FILE");
        // Past the key check it goes for the cloud, which is not there.
        Cli.Result result = cli.run("start", "demo", "--until", "infrastructure", "--local", NOWHERE);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("thunder-ec2: error: nothing answers at http://127.0.0.1:1");
    }

    @Test
    void untilNamesAPhase() {
        LaunchCommand launch = cli.command(
                LaunchCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--until", "ssh_ready");
        assertThat(launch.until).hasToString("SSH_READY");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--until", "spark", NOWHERE),
                "thunder-ec2: error: --until: 'spark' is not one of infrastructure, ssh_ready, services\n");
    }

    @Test
    void localCloudBootDelay() {
        LocalCloudCommand cloud =
                cli.command(LocalCloudCommand.class, "local-cloud", "--ssh-boot-delay", "500ms", "--no-ssh");
        assertThat(cloud.sshBootDelay).hasMillis(500);
        assertThat(cloud.ssh).isFalse();
        assertThat(cli.command(LocalCloudCommand.class, "local-cloud").ssh).isTrue();
        assertThat(DurationConverter.parse("2s")).hasSeconds(2);
        assertThat(DurationConverter.parse("1.5s")).hasMillis(1500);
        assertThat(DurationConverter.parse("1m")).hasSeconds(60);
        assertThat(DurationConverter.parse("3")).hasSeconds(3);
        assertUsage(
                cli.run("local-cloud", "--ssh-boot-delay", "soon"),
                "thunder-ec2: error: --ssh-boot-delay: 'soon' is not a duration like 500ms, 2s or 1m\n");
    }

    @Test
    void localCloudApiRateLimits() {
        assertThat(cli.command(LocalCloudCommand.class, "local-cloud", "--api-rate-limits=ec2").apiRateLimits)
                .isEqualTo(org.thunderproject.ec2.localcloud.ApiRateLimits.EC2);
        assertThat(cli.command(LocalCloudCommand.class, "local-cloud").apiRateLimits)
                .isEqualTo(org.thunderproject.ec2.localcloud.ApiRateLimits.NONE);
        assertUsage(
                cli.run("local-cloud", "--api-rate-limits", "aws"),
                "thunder-ec2: error: --api-rate-limits: 'aws' is not one of none, ec2\n");
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
