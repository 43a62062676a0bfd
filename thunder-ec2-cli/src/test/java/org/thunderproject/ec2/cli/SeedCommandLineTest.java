package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import org.thunderproject.ec2.cli.commands.DestroyCommand;
import org.thunderproject.ec2.cli.commands.LaunchCommand;
import org.thunderproject.ec2.cli.commands.StartCommand;
import org.thunderproject.ec2.cli.commands.StopCommand;

/** The seed's command lines, word for word, mean the cluster they meant for the Python tool. */
class SeedCommandLineTest {

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.withHome(home);
        Files.writeString(home.resolve("mykey.pem"), "not a real key; only its path matters here");
    }

    @Test
    void launchAsTheSeedTypesIt() {
        LaunchCommand launch =
                cli.command(LaunchCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "-s", "2", "launch", "demo");
        ClusterSpec spec = launch.spec();
        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.keyName()).contains("mykey");
        assertThat(spec.identityFile()).contains(home.resolve("mykey.pem"));
        assertThat(spec.slaves()).isEqualTo(2);
        assertThat(launch.resume).isFalse();
        // Nothing else was asked for, so the spec's own defaults stand.
        assertThat(spec)
                .isEqualTo(ClusterSpec.builder()
                        .name("demo")
                        .keyPair("mykey", home.resolve("mykey.pem"))
                        .slaves(2)
                        .build());
    }

    @Test
    void resumeAsTheSeedTypesIt() {
        LaunchCommand launch =
                cli.command(LaunchCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "launch", "demo", "--resume");
        assertThat(launch.resume).isTrue();
        assertThat(launch.spec().slaves()).isEqualTo(1);
        assertThat(launch.spec().keyName()).contains("mykey");
    }

    @Test
    void destroyStopStartAsTheSeedTypesThem() {
        ClusterSpec destroy = cli.command(DestroyCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "destroy", "demo")
                .spec();
        ClusterSpec stop = cli.command(StopCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "stop", "demo")
                .spec();
        ClusterSpec start = cli.command(StartCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "start", "demo")
                .spec();
        for (ClusterSpec spec : new ClusterSpec[] {destroy, stop, start}) {
            assertThat(spec.name()).isEqualTo("demo");
            assertThat(spec.keyName()).contains("mykey");
            assertThat(spec.identityFile()).contains(home.resolve("mykey.pem"));
        }
    }

    @Test
    void destroyNeedsNoKeyPair() {
        ClusterSpec spec = cli.command(DestroyCommand.class, "destroy", "demo").spec();
        assertThat(spec.keyName()).isEmpty();
        assertThat(spec.identityFile()).isEmpty();
    }

    @Test
    void optionsAfterTheSubcommandMeanTheSame() {
        ClusterSpec before = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "-s",
                        "2",
                        "-r",
                        "us-west-2",
                        "launch",
                        "demo")
                .spec();
        ClusterSpec after = cli.command(
                        LaunchCommand.class,
                        "launch",
                        "demo",
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "-s",
                        "2",
                        "-r",
                        "us-west-2")
                .spec();
        ClusterSpec mixed = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "launch",
                        "-s",
                        "2",
                        "demo",
                        "-i",
                        "~/mykey.pem",
                        "--region",
                        "us-west-2")
                .spec();
        assertThat(after).isEqualTo(before);
        assertThat(mixed).isEqualTo(before);
        assertThat(before.region()).contains("us-west-2");
    }

    @Test
    void afterTheSubcommandWinsOverBefore() {
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "-s",
                        "2",
                        "-t",
                        "m5.xlarge",
                        "launch",
                        "demo",
                        "-s",
                        "3")
                .spec();
        assertThat(spec.slaves()).isEqualTo(3);
        assertThat(spec.instanceType()).isEqualTo("m5.xlarge");
    }

    @Test
    void everySparkEc2LaunchOptionReachesTheSpec() throws Exception {
        Files.writeString(home.resolve("boot.sh"), "#!/bin/sh\necho booted\n");
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "-s",
                        "4",
                        "-t",
                        "r5.2xlarge",
                        "-m",
                        "m5.xlarge",
                        "-r",
                        "eu-west-1",
                        "-z",
                        "eu-west-1b",
                        "-a",
                        "ami-0123456789abcdef0",
                        "-u",
                        "ubuntu",
                        "--spot-price",
                        "0.25",
                        "--ebs-vol-size",
                        "100",
                        "--ebs-vol-type",
                        "st1",
                        "--ebs-vol-num",
                        "3",
                        "--placement-group",
                        "pg1",
                        "--vpc-id",
                        "vpc-0123abcd",
                        "--subnet-id",
                        "subnet-0123abcd",
                        "--user-data",
                        "~/boot.sh",
                        "--instance-profile-name",
                        "spark-role",
                        "--additional-tags",
                        "owner:me,project:spark:x",
                        "--additional-security-group",
                        "sg-0abc1234,extra",
                        "--additional-security-group",
                        "third",
                        "--authorized-address",
                        "203.0.113.7/32",
                        "--authorized-address",
                        "198.51.100.0/24",
                        "--instance-initiated-shutdown-behavior",
                        "terminate",
                        "--ssh-port",
                        "2222",
                        "launch",
                        "demo")
                .spec();
        assertThat(spec.slaves()).isEqualTo(4);
        assertThat(spec.instanceType()).isEqualTo("r5.2xlarge");
        assertThat(spec.masterInstanceType()).contains("m5.xlarge");
        assertThat(spec.region()).contains("eu-west-1");
        assertThat(spec.availabilityZone()).contains("eu-west-1b");
        assertThat(spec.ami()).contains("ami-0123456789abcdef0");
        assertThat(spec.user()).isEqualTo("ubuntu");
        assertThat(spec.spotPrice()).contains(new BigDecimal("0.25"));
        assertThat(spec.ebsVolumeSizeGb()).isEqualTo(100);
        assertThat(spec.ebsVolumeType()).isEqualTo("st1");
        assertThat(spec.ebsVolumeCount()).isEqualTo(3);
        assertThat(spec.placementGroup()).contains("pg1");
        assertThat(spec.vpcId()).contains("vpc-0123abcd");
        assertThat(spec.subnetId()).contains("subnet-0123abcd");
        assertThat(spec.userData()).contains("#!/bin/sh\necho booted\n");
        assertThat(spec.instanceProfileName()).contains("spark-role");
        assertThat(spec.additionalTags()).isEqualTo(Map.of("owner", "me", "project", "spark:x"));
        assertThat(spec.additionalSecurityGroups()).containsExactly("sg-0abc1234", "extra", "third");
        assertThat(spec.authorizedCidrs()).containsExactly("203.0.113.7/32", "198.51.100.0/24");
        assertThat(spec.instanceInitiatedShutdownBehavior()).isEqualTo(ShutdownBehavior.TERMINATE);
        assertThat(spec.sshPort()).isEqualTo(2222);
    }

    @Test
    void zoneAllLetsEc2Choose() {
        ClusterSpec spec = cli.command(
                        LaunchCommand.class, "-k", "mykey", "-i", "~/mykey.pem", "-z", "all", "launch", "demo")
                .spec();
        assertThat(spec.availabilityZone()).isEmpty();
    }

    @Test
    void tildeIsExpandedWhereTheShellDoesNot() {
        // "-i=~/x" and config files reach us with the tilde intact.
        ClusterSpec spec = cli.command(
                        LaunchCommand.class, "-k", "mykey", "--identity-file=~/mykey.pem", "launch", "demo")
                .spec();
        assertThat(spec.identityFile()).contains(home.resolve("mykey.pem"));
    }

    @Test
    void listsGivenOnBothSidesAddUp() {
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "--authorized-address",
                        "203.0.113.7/32",
                        "launch",
                        "demo",
                        "--authorized-address",
                        "198.51.100.0/24")
                .spec();
        assertThat(spec.authorizedCidrs()).containsExactly("198.51.100.0/24", "203.0.113.7/32");
    }
}
