package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.cli.Cli;
import org.thunderproject.ec2.cli.options.AutostopOption;

/** What {@code --autostop}, {@code --autostop-terminate} and {@code autostop NAME D --terminate} mean. */
class AutostopCommandLineTest {

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.withHome(home);
        Files.writeString(home.resolve("mykey.pem"), "key");
    }

    @Test
    void launchAndStartTakeEitherOption() {
        ClusterSpec stop = launch("demo", "--autostop", "30m");
        assertThat(stop.autostop()).contains(Duration.ofMinutes(30));
        assertThat(stop.autostopAction()).isEqualTo(AutostopAction.STOP);
        ClusterSpec terminate = launch("demo", "--autostop-terminate", "2h");
        assertThat(terminate.autostop()).contains(Duration.ofHours(2));
        assertThat(terminate.autostopAction()).isEqualTo(AutostopAction.TERMINATE);
        ClusterSpec started = cli.command(StartCommand.class, withKey("start", "demo", "--autostop-terminate", "90m"))
                .spec();
        assertThat(started.autostop()).contains(Duration.ofMinutes(90));
        assertThat(started.autostopAction()).isEqualTo(AutostopAction.TERMINATE);
        ClusterSpec none = launch("demo");
        assertThat(none.autostop()).isEmpty();
        assertThat(none.autostopAction()).isEqualTo(AutostopAction.STOP);
    }

    private ClusterSpec launch(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "launch";
        System.arraycopy(args, 0, line, 1, args.length);
        return cli.command(LaunchCommand.class, withKey(line)).spec();
    }

    /** {@code args} after the key pair's options, as a user types them. */
    private static String[] withKey(String... args) {
        String[] line = new String[args.length + 4];
        System.arraycopy(new String[] {"-k", "mykey", "-i", "~/mykey.pem"}, 0, line, 0, 4);
        System.arraycopy(args, 0, line, 4, args.length);
        return line;
    }

    @Test
    void theAutostopCommandTerminatesWithTerminate() {
        ClusterSpec base = ClusterSpec.builder().name("demo").build();
        AutostopCommand terminate = cli.command(AutostopCommand.class, "autostop", "demo", "45m", "--terminate");
        assertThat(terminate.asked(base).autostop()).contains(Duration.ofMinutes(45));
        assertThat(terminate.asked(base).autostopAction()).isEqualTo(AutostopAction.TERMINATE);
        AutostopCommand stop = cli.command(AutostopCommand.class, "autostop", "demo", "45m");
        assertThat(stop.asked(base).autostopAction()).isEqualTo(AutostopAction.STOP);
        AutostopCommand cancel = cli.command(AutostopCommand.class, "autostop", "demo", "--cancel");
        assertThat(cancel.asked(base).autostop()).isEmpty();
    }

    @Test
    void aLaunchThatTerminatesWarnsBeforeItTouchesTheCloud() {
        Cli.Result launch = cli.run(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "launch",
                "demo",
                "--autostop-terminate",
                "2h",
                "--endpoint-url=http://127.0.0.1:1");
        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.err())
                .startsWith("warning: cluster 'demo' terminates itself when idle: every node and all data on it,"
                        + " EBS volumes (the root volume too) included, is lost forever; only its security groups are"
                        + " left, and 'thunder-ec2 --endpoint-url http://127.0.0.1:1 -k mykey -i ~/mykey.pem destroy"
                        + " demo' removes them\n");
    }

    @Test
    void onlyTerminatingSaysWhatIsLost() {
        ClusterSpec base = ClusterSpec.builder().name("demo").build();
        String destroy = "'thunder-ec2 destroy demo'";
        assertThat(AutostopOption.warning(base, destroy)).isEmpty();
        assertThat(AutostopOption.warning(
                        base.toBuilder().autostop(Duration.ofMinutes(30)).build(), destroy))
                .isEmpty();
        assertThat(AutostopOption.warning(
                        base.toBuilder()
                                .autostop(Duration.ofMinutes(30))
                                .autostopAction(AutostopAction.TERMINATE)
                                .build(),
                        destroy))
                .hasValueSatisfying(w -> assertThat(w)
                        .startsWith("warning: cluster 'demo' terminates itself when idle")
                        .contains("EBS volumes (the root volume too) included, is lost forever")
                        .endsWith("'thunder-ec2 destroy demo' removes them"));
    }
}
