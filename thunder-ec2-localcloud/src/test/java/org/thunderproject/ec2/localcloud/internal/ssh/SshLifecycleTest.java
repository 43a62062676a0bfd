package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Boot delay, stop/start on a new address with the same host key, terminate, and the console. */
class SshLifecycleTest {

    private static final Duration BOOT_DELAY = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private Nodes nodes;

    @BeforeEach
    void setUp() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        nodes = Nodes.withBootDelay(dir, BOOT_DELAY);
    }

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void refusesWhileBootingThenAnswersOnBothAddresses() {
        InstanceHost host = nodes.newHost();
        assertThat(nodes.runtime.consoleOutput(host.instanceId())).isEmpty();

        long started = System.nanoTime();
        nodes.runtime.started(host);
        // Checked right away: the boot delay has not passed, so nothing listens yet.
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        assertThat(Nodes.refuses(host.privateAddress(), host.sshPort())).isTrue();
        assertThat(nodes.runtime.consoleOutput(host.instanceId()))
                .contains("Cloud-init")
                .doesNotContain("BEGIN SSH HOST KEY FINGERPRINTS");

        Nodes.awaitSsh(host);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isGreaterThanOrEqualTo(BOOT_DELAY);
        assertThat(Nodes.answers(host.privateAddress(), host.sshPort())).isTrue();
        Poll.until("host keys on the console", Nodes.TIMEOUT, () -> !nodes.hostKeys(host)
                .isEmpty());

        OpenSsh.Result result = nodes.ssh(host, "echo hello from $THUNDER_LOCALCLOUD_INSTANCE");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("hello from " + host.instanceId() + "\n");
    }

    @Test
    void consoleFingerprintBlockMatchesTheHostKeyFileAsSshKeygenPrintsIt() throws Exception {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        String console = nodes.runtime.consoleOutput(host.instanceId());
        List<String> fingerprints = Nodes.block(console, "SSH HOST KEY FINGERPRINTS");
        String hostName = "ip-" + host.privateAddress().replace('.', '-');
        assertThat(fingerprints).hasSize(1);
        assertThat(fingerprints.get(0)).matches("256 SHA256:[A-Za-z0-9+/]{43} root@" + hostName + " \\(ECDSA\\)");

        Path privateKey = host.directory().resolve("etc/ssh/ssh_host_ecdsa_key");
        assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        OpenSsh.Result keygen = OpenSsh.run(
                List.of("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", privateKey + ".pub"), null, Nodes.TIMEOUT);
        assertThat(keygen.exitStatus()).as(keygen.stderr()).isZero();
        assertThat(keygen.out().strip()).isEqualTo(fingerprints.get(0));
        assertThat(Nodes.block(console, "SSH HOST KEY KEYS"))
                .containsExactly(Files.readString(privateKey.resolveSibling("ssh_host_ecdsa_key.pub"))
                        .strip());
        // The private key is never on the console.
        assertThat(console).doesNotContain("PRIVATE KEY");
    }

    @Test
    void stopRefusesKeepsHomeDropsScratchAndStartComesBackOnANewAddressWithTheSameKey() throws Exception {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        String fingerprint = Nodes.block(nodes.runtime.consoleOutput(host.instanceId()), "SSH HOST KEY FINGERPRINTS")
                .get(0);
        Path pinned = nodes.knownHosts(host);
        String pinnedKey = nodes.hostKeys(host).get(0);
        assertThat(nodes.ssh(
                                host,
                                "echo kept > kept.txt && echo scratch > "
                                        + host.directory().resolve("mnt/s.txt"))
                        .exitStatus())
                .isZero();

        nodes.runtime.stopped(host.instanceId());
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        assertThat(Nodes.refuses(host.privateAddress(), host.sshPort())).isTrue();
        Poll.until(
                "mnt deleted",
                Nodes.TIMEOUT,
                () -> !Files.exists(host.directory().resolve("mnt")));
        assertThat(host.directory().resolve("home/kept.txt")).hasContent("kept");
        assertThat(nodes.runtime.consoleOutput(host.instanceId())).contains(fingerprint);

        InstanceHost again = Nodes.restarted(host);
        nodes.runtime.started(again);
        assertThat(Nodes.refuses(again.publicAddress(), again.sshPort())).isTrue();
        Nodes.awaitSsh(again);
        Poll.until("host keys of the new boot", Nodes.TIMEOUT, () -> !nodes.hostKeys(again)
                .isEmpty());
        assertThat(Nodes.block(nodes.runtime.consoleOutput(host.instanceId()), "SSH HOST KEY FINGERPRINTS"))
                .containsExactly(fingerprint);
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort()))
                .as("old public address")
                .isTrue();

        // The key pinned at first boot, keyed by the instance and not its address, still verifies.
        Path byInstance = dir.resolve("pinned_by_instance");
        Files.writeString(byInstance, host.instanceId() + " " + pinnedKey + "\n");
        OpenSsh.Result result = OpenSsh.ssh(
                nodes.identity,
                byInstance,
                again.user(),
                again.publicAddress(),
                again.sshPort(),
                null,
                "-o",
                "HostKeyAlias=" + host.instanceId(),
                "cat kept.txt; ls -d " + again.directory().resolve("mnt"));
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("kept\n" + again.directory().resolve("mnt") + "\n");
        assertThat(pinned).exists();
    }

    @Test
    void terminateDeletesTheDirectoryAndForgetsTheConsole() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        assertThat(nodes.ssh(host, "echo x > file").exitStatus()).isZero();
        assertThat(host.directory().resolve("home/file")).exists();

        nodes.runtime.terminated(host.instanceId());
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        Poll.until("directory deleted", Nodes.TIMEOUT, () -> !Files.exists(host.directory()));
        assertThat(nodes.runtime.consoleOutput(host.instanceId())).isEmpty();
    }

    @Test
    void stopBeforeTheBootDelayMeansSshNeverComesUp() {
        InstanceHost host = nodes.newHost();
        nodes.runtime.started(host);
        nodes.runtime.stopped(host.instanceId());
        Poll.until(
                "scratch cleaned",
                Nodes.TIMEOUT,
                () -> !Files.exists(host.directory().resolve("mnt")));
        // Long past the delay of the cancelled boot: still nothing listens, no host keys were shown.
        InstanceHost probe = nodes.newHost();
        nodes.startAndAwait(probe);
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        assertThat(nodes.runtime.consoleOutput(host.instanceId())).doesNotContain("BEGIN SSH HOST KEY");
    }

    @Test
    void anUnusableKeyANonLoopbackAddressOrABusyPortShowOnTheConsoleAndSshStaysDown() throws Exception {
        InstanceHost badKey = nodes.newHost("ssh-rsa not-base64 x");
        nodes.runtime.started(badKey);
        Poll.until("sshd error on the console", Nodes.TIMEOUT, () -> nodes.runtime
                .consoleOutput(badKey.instanceId())
                .contains("sshd: error"));
        assertThat(Nodes.refuses(badKey.publicAddress(), badKey.sshPort())).isTrue();

        InstanceHost template = nodes.newHost();
        InstanceHost offLoopback = new InstanceHost(
                template.instanceId(),
                "192.0.2.10",
                template.privateAddress(),
                template.sshPort(),
                template.user(),
                template.authorizedKey(),
                template.directory());
        nodes.runtime.started(offLoopback);
        Poll.until("refusal on the console", Nodes.TIMEOUT, () -> nodes.runtime
                .consoleOutput(offLoopback.instanceId())
                .contains("refusing to listen on 192.0.2.10"));
        assertThat(Nodes.refuses(offLoopback.privateAddress(), offLoopback.sshPort()))
                .isTrue();

        InstanceHost busy = nodes.newHost();
        try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress(busy.privateAddress(), busy.sshPort()));
            nodes.runtime.started(busy);
            Poll.until("bind error on the console", Nodes.TIMEOUT, () -> nodes.runtime
                    .consoleOutput(busy.instanceId())
                    .contains("Bind to port " + busy.sshPort() + " failed"));
            assertThat(Nodes.refuses(busy.publicAddress(), busy.sshPort())).isTrue();
        }
    }

    @Test
    void startedTwiceWithoutAStopRestartsSsh() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        InstanceHost moved = Nodes.restarted(host);
        nodes.runtime.started(moved);
        Nodes.awaitSsh(moved);
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        Poll.until("host keys of the second boot", Nodes.TIMEOUT, () -> !nodes.hostKeys(moved)
                .isEmpty());
        assertThat(nodes.ssh(moved, "true").exitStatus()).isZero();
    }
}
