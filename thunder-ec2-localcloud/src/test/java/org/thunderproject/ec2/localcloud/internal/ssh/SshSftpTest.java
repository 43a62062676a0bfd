package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** SFTP with the OpenSSH sftp client: home as the start directory, real absolute paths, modes kept. */
class SshSftpTest {

    @TempDir
    Path dir;

    private Nodes nodes;
    private InstanceHost host;

    @BeforeEach
    void setUp() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        host = nodes.newHost();
        nodes.startAndAwait(host);
    }

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void uploadPreservesModesAndRelativePathsStartInHome() throws Exception {
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        byte[] data = new byte[3 * 1024 * 1024 + 7];
        ThreadLocalRandom.current().nextBytes(data);
        Path big = Files.write(dir.resolve("big.bin"), data);
        Path absolute = host.directory().resolve("opt/app");
        Files.createDirectories(absolute);

        OpenSsh.Result result = OpenSsh.sftp(
                nodes.identity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                "pwd\n"
                        + "put -p " + script + " run.sh\n"
                        + "put -p " + secret + " secret.txt\n"
                        + "put " + big + " " + absolute.resolve("big.bin") + "\n");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        Path home = host.directory().resolve("home");
        assertThat(result.out()).contains("Remote working directory: " + home);

        assertThat(Files.getPosixFilePermissions(home.resolve("run.sh")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getPosixFilePermissions(home.resolve("secret.txt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllBytes(absolute.resolve("big.bin"))).isEqualTo(data);
        // What SFTP wrote is what commands see.
        OpenSsh.Result ran = nodes.ssh(host, "./run.sh && cat " + absolute.resolve("big.bin") + " | wc -c");
        assertThat(ran.exitStatus()).as(ran.stderr()).isZero();
        assertThat(ran.out()).isEqualTo("ran\n" + data.length + "\n");
    }

    @Test
    void downloadAndListWork() throws Exception {
        assertThat(nodes.ssh(host, "mkdir -p d && echo hi > d/f && chmod 640 d/f")
                        .exitStatus())
                .isZero();
        Path local = dir.resolve("f");
        OpenSsh.Result result = OpenSsh.sftp(
                nodes.identity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                "ls -l d\nget -p d/f " + local + "\n");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("-rw-r-----").contains("f");
        assertThat(local).hasContent("hi");
        assertThat(Files.getPosixFilePermissions(local)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }
}
