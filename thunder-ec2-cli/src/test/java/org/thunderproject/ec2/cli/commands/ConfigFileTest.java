package org.thunderproject.ec2.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import org.thunderproject.ec2.cli.Cli;

/** The config file gives defaults under the long option names; the command line wins. */
class ConfigFileTest {

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.withHome(home);
        Files.writeString(home.resolve("mykey.pem"), "key");
    }

    @Test
    void defaultFileGivesTheValues() throws Exception {
        writeDefaultConfig("""
        key-pair: mykey
        identity-file: ~/mykey.pem
        slaves: 3
        instance-type: m5.xlarge
        region: us-west-2
        spot-price: 0.5
        authorized-address: [203.0.113.7/32, 198.51.100.0/24]
        additional-tags: {owner: me, team: data}
        instance-initiated-shutdown-behavior: terminate
        """);
        ClusterSpec spec = cli.command(LaunchCommand.class, "launch", "demo").spec();
        assertThat(spec.keyName()).contains("mykey");
        assertThat(spec.identityFile()).contains(home.resolve("mykey.pem"));
        assertThat(spec.slaves()).isEqualTo(3);
        assertThat(spec.instanceType()).isEqualTo("m5.xlarge");
        assertThat(spec.region()).contains("us-west-2");
        assertThat(spec.spotPrice().map(p -> p.toPlainString())).contains("0.5");
        assertThat(spec.authorizedCidrs()).containsExactly("203.0.113.7/32", "198.51.100.0/24");
        assertThat(spec.additionalTags()).isEqualTo(Map.of("owner", "me", "team", "data"));
        assertThat(spec.instanceInitiatedShutdownBehavior()).isEqualTo(ShutdownBehavior.TERMINATE);
    }

    @Test
    void commandLineWinsBeforeAndAfterTheSubcommand() throws Exception {
        writeDefaultConfig("""
        key-pair: mykey
        identity-file: ~/mykey.pem
        slaves: 3
        instance-type: m5.xlarge
        region: us-west-2
        authorized-address: 203.0.113.7/32
        additional-tags: owner:me
        """);
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-s",
                        "2",
                        "-r",
                        "eu-west-1",
                        "launch",
                        "demo",
                        "-t",
                        "c5.large",
                        "--authorized-address",
                        "198.51.100.0/24",
                        "--additional-tags",
                        "owner:you")
                .spec();
        assertThat(spec.slaves()).isEqualTo(2);
        assertThat(spec.region()).contains("eu-west-1");
        assertThat(spec.instanceType()).isEqualTo("c5.large");
        assertThat(spec.authorizedCidrs()).containsExactly("198.51.100.0/24");
        assertThat(spec.additionalTags()).isEqualTo(Map.of("owner", "you"));
        assertThat(spec.keyName()).contains("mykey");
    }

    @Test
    void explicitConfigFileReplacesTheDefault() throws Exception {
        writeDefaultConfig("slaves: 3\n");
        Path other = home.resolve("other.yaml");
        Files.writeString(other, "slaves: 7\n");
        ClusterSpec spec = cli.command(
                        LaunchCommand.class,
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "--config",
                        "~/other.yaml",
                        "launch",
                        "demo")
                .spec();
        assertThat(spec.slaves()).isEqualTo(7);
    }

    @Test
    void missingExplicitFileIsAUsageError() {
        Cli.Result result = cli.run("--config", "~/nope.yaml", "-k", "mykey", "-i", "~/mykey.pem", "launch", "demo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("config file " + home.resolve("nope.yaml") + " does not exist");
    }

    @Test
    void unknownKeyIsAUsageError() throws Exception {
        writeDefaultConfig("slave: 3\n");
        Cli.Result result = cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown key 'slave'").contains("slaves");
    }

    @Test
    void wrongTypeIsAUsageError() throws Exception {
        writeDefaultConfig("slaves: many\n");
        Cli.Result result = cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'slaves' must be a number");
    }

    @Test
    void brokenYamlNamesTheLine() throws Exception {
        writeDefaultConfig("slaves: 2\nregion: [unclosed\n");
        Cli.Result result = cli.run("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not valid YAML");
    }

    @Test
    void everyLongOptionButTheLocalOnesIsAConfigKey() throws Exception {
        // A typo in a key is caught, yet every real option can be set; their names come from the options.
        writeDefaultConfig("""
        region: us-east-1
        profile: work
        endpoint-url: http://127.0.0.1:4566
        local: true
        key-pair: mykey
        identity-file: ~/mykey.pem
        slaves: 2
        instance-type: m5.large
        master-instance-type: m5.large
        zone: us-east-1a
        ami: ami-0123456789abcdef0
        user: ec2-user
        ssh-port: 22
        spot-price: 1
        ebs-vol-size: 10
        ebs-vol-type: gp3
        ebs-vol-num: 1
        placement-group: pg
        vpc-id: vpc-0123abcd
        subnet-id: subnet-0123abcd
        instance-profile-name: role
        additional-tags: a:b
        additional-security-group: sg-0abc1234
        authorized-address: 127.0.0.1/32
        instance-initiated-shutdown-behavior: stop
        spark-version: 4.0.1
        spark-url: file:///opt/spark-4.0.1-bin-thunder.tgz
        spark-worker-cores: 2
        spark-worker-memory: 1g
        python-packages: [thunder-python, numpy]
        python-package-index: https://pypi.example.org/simple
        """);
        ClusterSpec spec = cli.command(LaunchCommand.class, "launch", "demo").spec();
        assertThat(spec.availabilityZone()).contains("us-east-1a");
        assertThat(spec.sparkDownloadUrl()).contains("file:///opt/spark-4.0.1-bin-thunder.tgz");
        assertThat(spec.sparkWorkerMemory()).contains("1g");
        assertThat(spec.pythonPackages()).containsExactly("thunder-python", "numpy");
        assertThat(spec.ebsVolumeSizeGb()).isEqualTo(10);
        assertThat(spec.placementGroup()).contains("pg");
    }

    private void writeDefaultConfig(String yaml) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".thunder-ec2"));
        Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
