package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command lines end with one clear line and exit code 2, before any cloud is contacted.
 * Where a command would go on to connect, it points at a closed loopback port, so a regression
 * fails here instead of reaching out.
 */
class UsageErrorsTest {

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
    void unknownOption() {
        Cli.Result result = cli.run("--bogus", "launch", "demo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("thunder-ec2: error: Unknown option: '--bogus'\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
        Cli.Result alone = cli.run("--bogus");
        assertThat(alone.err()).endsWith("\nTry 'thunder-ec2 --help' for more information.\n");
    }

    @Test
    void unknownOptionAfterTheSubcommandPointsAtItsHelp() {
        Cli.Result result = cli.run("launch", "demo", "--slave", "2");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("Unknown options: '--slave', '2'")
                .contains("Possible solutions: --slaves")
                .contains("Try 'thunder-ec2 launch --help'");
    }

    @Test
    void misspelledCommandGetsASuggestion() {
        for (String typo : new String[] {"lauch", "lanch"}) {
            Cli.Result result = cli.run("-k", "mykey", typo, "demo");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo("thunder-ec2: error: unknown command '" + typo + "' (did you mean 'launch'?)\n"
                            + "Try 'thunder-ec2 --help' for more information.\n");
        }
    }

    @Test
    void notANumber() {
        assertThat(cli.run("-s", "two", "launch", "demo").err())
                .isEqualTo("thunder-ec2: error: --slaves: 'two' is not a whole number, like 2\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
        assertThat(cli.run("launch", "demo", "--spot-price", "abc").err())
                .isEqualTo("thunder-ec2: error: --spot-price: 'abc' is not a price in USD per hour, like 0.05\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
        assertThat(cli.run("launch", "demo", "--ready-timeout", "soon").err())
                .isEqualTo("thunder-ec2: error: --ready-timeout: 'soon' is not a duration like 500ms, 2s or 1m\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
    }

    @Test
    void autostopTooShortOrMissingIsAUsageError() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--autostop", "30s", NOWHERE),
                "--autostop 30s: give at least 1m (1 minute)");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "autostop", "demo", "10s", NOWHERE),
                "autostop 10s: give at least 1m (1 minute)");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "autostop", "demo", NOWHERE),
                "autostop: give either DURATION or --cancel");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "autostop", "demo", "30m", "--cancel", NOWHERE),
                "autostop: give either DURATION or --cancel");
    }

    @Test
    void missingName() {
        assertUsage(cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch"), "Missing required parameter: 'NAME'");
    }

    @Test
    void missingCommand() {
        assertUsage(cli.run("-k", "mykey"), "thunder-ec2: error: missing command, one of: launch, destroy");
    }

    @Test
    void specRulesNameTheOption() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "-s", "0", "launch", "demo", NOWHERE),
                "thunder-ec2: error: -s/--slaves: 0 slaves: a cluster needs 1 to 1000 slaves");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--ebs-vol-num", "9", NOWHERE),
                "--ebs-vol-num: 9 volumes");
        assertUsage(
                cli.run(
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "launch",
                        "demo",
                        "-r",
                        "us-east-1",
                        "-z",
                        "eu-west-1a",
                        NOWHERE),
                "-z/--zone: zone 'eu-west-1a' is not in region 'us-east-1'");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "bad_name!", NOWHERE),
                "NAME: 'bad_name!' is not a valid cluster name");
        assertUsage(
                cli.run(
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "launch",
                        "demo",
                        "--authorized-address",
                        "everyone",
                        NOWHERE),
                "--authorized-address: 'everyone' is not a CIDR");
    }

    @Test
    void launchNeedsTheKeyPair() {
        assertUsage(cli.run("launch", "demo", NOWHERE), "launch needs the key pair: give -k KEY_PAIR -i FILE");
        assertUsage(
                cli.run("-k", "mykey", "launch", "demo", NOWHERE),
                "give the key pair and its private key file together");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/missing.pem", "launch", "demo", NOWHERE),
                "-i/--identity-file: " + home.resolve("missing.pem") + " does not exist");
    }

    @Test
    void unreadableUserData() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--user-data", "~/nope.sh", NOWHERE),
                "--user-data: cannot read " + home.resolve("nope.sh"));
    }

    @Test
    void malformedTags() {
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--additional-tags", "owner=me", NOWHERE),
                "--additional-tags: 'owner=me' is not KEY:VALUE");
    }

    @Test
    void autostopAndAutostopTerminateExcludeEachOtherAndTerminateNeedsADuration() {
        for (String command : new String[] {"launch", "start"}) {
            assertUsage(
                    cli.run(
                            "-k",
                            "mykey",
                            "-i",
                            "~/mykey.pem",
                            command,
                            "demo",
                            "--autostop",
                            "30m",
                            "--autostop-terminate",
                            "30m",
                            NOWHERE),
                    "--autostop and --autostop-terminate exclude each other: give one of them");
        }
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--autostop-terminate", "20s", NOWHERE),
                "--autostop-terminate 20s: give at least 1m (1 minute)");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "autostop", "demo", "--cancel", "--terminate", NOWHERE),
                "autostop: --terminate goes with DURATION, not with --cancel");
        assertUsage(
                cli.run("-k", "mykey", "-i", "~/mykey.pem", "autostop", "demo", "--terminate", NOWHERE),
                "autostop: give either DURATION or --cancel");
    }

    @Test
    void badShutdownBehavior() {
        assertUsage(
                cli.run("launch", "demo", "--instance-initiated-shutdown-behavior", "explode"),
                "--instance-initiated-shutdown-behavior: 'explode' is not one of stop, terminate");
    }

    @Test
    void badEndpoint() {
        assertUsage(
                cli.run("list", "--endpoint-url", "127.0.0.1:4566"),
                "--endpoint-url: '127.0.0.1:4566' is not an http(s) URL");
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
