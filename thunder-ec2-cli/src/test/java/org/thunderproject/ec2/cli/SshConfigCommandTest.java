package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssh-config}: prints the file or one cluster's block, and --install adds one Include line. */
class SshConfigCommandTest {

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void writeConfig() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".thunder-ec2"));
        file = dir.resolve("ssh_config");
        Files.writeString(
                file,
                "# header\n\n# BEGIN cluster demo us-east-1\nHost demo\n  HostName 127.0.0.5\n"
                        + "# END cluster demo us-east-1\n\n# BEGIN cluster demo2 us-east-1\nHost demo2\n# END cluster demo2 us-east-1\n");
    }

    @Test
    void printsTheFileOrOneClustersHosts() {
        assertThat(Cli.withHome(home).run("ssh-config").out()).contains("Host demo\n", "Host demo2\n");
        Cli.Result demo = Cli.withHome(home).run("ssh-config", "demo");
        assertThat(demo.exitCode()).isZero();
        assertThat(demo.out())
                .isEqualTo("# BEGIN cluster demo us-east-1\nHost demo\n  HostName 127.0.0.5\n"
                        + "# END cluster demo us-east-1\n");
        Cli.Result missing = Cli.withHome(home).run("ssh-config", "other");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no SSH configuration for cluster 'other'", "thunder-ec2 start other");
    }

    @Test
    void installAsksThenAddsOneLineAtTheTopAndKeepsTheRest() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path config = ssh.resolve("config");
        Files.writeString(config, "Host *\n  ServerAliveInterval 30\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));

        Cli.Result declined = Cli.withHome(home).interactive("n\n").run("ssh-config", "--install");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(config).hasContent("Host *\n  ServerAliveInterval 30\n");
        assertThat(Cli.withHome(home).run("ssh-config", "--install").err()).contains("--assume-yes");

        Cli.Result added = Cli.withHome(home).interactive("y\n").run("ssh-config", "--install");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(Files.readString(config)).isEqualTo("Include " + file + "\nHost *\n  ServerAliveInterval 30\n");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));

        Cli.Result again = Cli.withHome(home).run("ssh-config", "--install");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("already includes");
        assertThat(Files.readString(config)).isEqualTo("Include " + file + "\nHost *\n  ServerAliveInterval 30\n");
    }

    @Test
    void installCreatesAPrivateConfigWhenThereIsNone() throws Exception {
        Cli.Result added = Cli.withHome(home).run("ssh-config", "--install", "-y");
        assertThat(added.exitCode()).as(added.err()).isZero();
        Path config = home.resolve(".ssh/config");
        assertThat(config).hasContent("Include " + file);
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
