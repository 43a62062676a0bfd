package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.Commands;
import org.thunderproject.ec2.ssh.testing.TestServer;

/**
 * Host keys: recorded on first contact, pinned to the console output, refused when changed, kept
 * across an address change, and the same store for the plain {@code ssh} command line.
 */
interface HostKeyContract extends SshFixture {

    @Test
    default void aChangedHostKeyIsRefusedWithWhatChangedAndHowToReset() throws IOException {
        TestServer first = server(7);
        SshTarget target = first.target().withHostId("i-0abc");
        try (SshSession s = ssh().connect(target)) {
            assertThat(s.hostKey()).isEqualTo(HostKeyFingerprint.of(first.hostKey()));
        }
        assertThat(Files.readString(knownHosts().file())).startsWith("i-0abc ");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(knownHosts().file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(knownHosts().file().getParent())))
                .isEqualTo("rwx------");

        TestServer impostor = server(7, 0, newHostKey());
        SshTarget moved = target.withAddress(impostor.host(), impostor.port());
        String oldFp = HostKeyFingerprint.of(first.hostKey()).toString();
        String newFp = HostKeyFingerprint.of(impostor.hostKey()).toString();

        SshHostKeyException e = assertThrows(SshHostKeyException.class, () -> ssh().connect(moved));
        assertThat(e.getMessage())
                .contains("i-0abc")
                .contains("has changed")
                .contains(oldFp)
                .contains(newFp)
                .contains(knownHosts().file().toString())
                .contains("line 1")
                .contains("KnownHosts.forget(\"i-0abc\")")
                .contains("ssh-keygen -R 'i-0abc'");
        assertThat(e.hostId()).isEqualTo("i-0abc");
        assertThat(e.presentedFingerprint()).isEqualTo(newFp);
        assertThat(e.knownFingerprints()).containsExactly(oldFp);

        // Never retried: it is not a booting host.
        long start = System.nanoTime();
        assertThrows(SshHostKeyException.class, () -> ssh().connectWhenReady(moved, Duration.ofSeconds(30)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        assertThat(knownHosts().forget("i-0abc")).isTrue();
        try (SshSession s = ssh().connect(moved)) {
            assertThat(s.hostKey().toString()).isEqualTo(newFp);
        }
    }

    @Test
    default void theSameHostIdAtANewAddressWithTheSameKeyIsAccepted() {
        Object hostKey = newHostKey();
        TestServer before = server(8, 0, hostKey);
        SshTarget target = before.target().withHostId("i-0stopstart");
        ssh().connect(target).close();
        before.close();

        TestServer after = server(9, 0, hostKey);
        SshTarget restarted = target.withAddress(after.host(), after.port());
        try (SshSession s = ssh().connect(restarted)) {
            assertThat(s.exec("echo back").stdout()).isEqualTo("back\n");
        }
        assertThat(knownHosts().fingerprints("i-0stopstart")).hasSize(1);
    }

    @Test
    default void firstContactIsPinnedToTheFingerprintsInTheConsoleOutput() {
        TestServer server = server(10);
        HostKeyFingerprints printed = HostKeyFingerprints.fromConsoleOutput(server.consoleOutput());
        assertThat(printed.isEmpty()).isFalse();
        try (SshSession s =
                ssh().connect(server.target().withHostId("i-0pinned").withExpectedHostKeys(printed))) {
            assertThat(printed.fingerprints()).contains(s.hostKey());
        }
        assertThat(knownHosts().fingerprints("i-0pinned")).hasSize(1);

        TestServer other = server(11);
        SshTarget mismatched = other.target().withHostId("i-0other").withExpectedHostKeys(printed);
        SshHostKeyException e = assertThrows(SshHostKeyException.class, () -> ssh().connect(mismatched));
        assertThat(e.getMessage())
                .contains("does not match the fingerprints")
                .contains(HostKeyFingerprint.of(other.hostKey()).toString())
                .contains(printed.fingerprints().get(0).toString());
        assertThat(knownHosts().fingerprints("i-0other")).isEmpty();
    }

    @Test
    default void thePlainSshCommandLineLogsInAndVerifiesAgainstTheStore() throws IOException {
        Assumptions.assumeTrue(Commands.find("ssh").isPresent(), "the ssh client (openssh-client) is not installed");
        TestServer server = server(18);
        Path key = Commands.keygen(
                Files.createDirectories(tmp().resolve("cmdkeys")).resolve("id_ed25519"), "ed25519", "");
        server.authorize(Files.readString(Path.of(key + ".pub")).trim());
        Ssh withFile = Ssh.builder()
                .identity(Identity.fromFile(key))
                .knownHosts(knownHosts())
                .settings(FAST)
                .build();
        SshTarget target = server.target().withHostId("i-0cmdline");
        withFile.connect(target).close();

        SshCommandLine line = withFile.commandLine(target, List.of(LocalForward.parse("0:8888")));
        assertThat(line.toString())
                .startsWith("ssh -i " + key)
                .contains("-o HostKeyAlias=i-0cmdline")
                .contains("-o UserKnownHostsFile=" + knownHosts().file())
                .contains("-o StrictHostKeyChecking=yes")
                .contains("-L 127.0.0.1:0:127.0.0.1:8888")
                .endsWith(server.user() + "@" + server.host());

        List<String> argv = batchMode(
                withFile.commandLine(target).withCommand("echo via-openssh").arguments());
        assertThat(Commands.run(argv)).contains("via-openssh");

        // Against a host id the store does not know, plain ssh refuses too.
        List<String> unknown = batchMode(withFile.commandLine(target.withHostId("i-0unknown"))
                .withCommand("true")
                .arguments());
        assertThatThrownBy(() -> Commands.run(unknown)).hasMessageContaining("Host key verification failed");
    }

    private static List<String> batchMode(List<String> sshArgs) {
        List<String> argv = new ArrayList<>(List.of(sshArgs.get(0), "-F", "/dev/null", "-o", "BatchMode=yes"));
        argv.addAll(sshArgs.subList(1, sshArgs.size()));
        return argv;
    }
}
