package org.thunderproject.ec2.cli.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.cli.Cli;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.commands.LaunchCommand;

/** The CLI's files are under ~/.thunder-ec2 of $HOME, or THUNDER_EC2_HOME; its directories are 0700. */
class ThunderHomeTest {

    @TempDir
    Path home;

    @Test
    void thunderEc2HomeOverridesTheHomeDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(home.resolve("mykey.pem"), "key");
        Files.writeString(elsewhere.resolve("config.yaml"), "slaves: 7\nkey-pair: mykey\nidentity-file: ~/mykey.pem\n");
        Files.createDirectories(home.resolve(".thunder-ec2"));
        Files.writeString(
                home.resolve(".thunder-ec2/config.yaml"), "slaves: 3\nkey-pair: mykey\nidentity-file: ~/mykey.pem\n");

        ClusterSpec plain = Cli.withHome(home)
                .command(LaunchCommand.class, "launch", "demo")
                .spec();
        assertThat(plain.slaves()).isEqualTo(3);
        ClusterSpec moved = Cli.withHome(home)
                .env(Map.of("THUNDER_EC2_HOME", "~/elsewhere"))
                .command(LaunchCommand.class, "launch", "demo")
                .spec();
        assertThat(moved.slaves()).isEqualTo(7);
    }

    @Test
    void theDirectoryTheCliCreatesIsPrivate() throws Exception {
        Terminal terminal = Terminal.of(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                new StringReader(""),
                false,
                false,
                home,
                Map.of("THUNDER_EC2_HOME", home.resolve("a/b").toString()),
                Clock.systemUTC());
        Path file = LocalCloudFile.write(
                terminal.thunderHome(), 4566, new LocalCloudFile.Advertised(2222, Optional.empty()));
        assertThat(file).isEqualTo(home.resolve("a/b/local-cloud-4566.properties"));
        for (Path dir : new Path[] {home.resolve("a"), home.resolve("a/b")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as(dir.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
