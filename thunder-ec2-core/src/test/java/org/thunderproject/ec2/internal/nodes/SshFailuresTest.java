package org.thunderproject.ec2.internal.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.NodeSshException;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.ec2.InstanceRecord;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.BatchResult;
import org.thunderproject.ec2.ssh.HostKeyFingerprint;
import org.thunderproject.ec2.ssh.HostResult;
import org.thunderproject.ec2.ssh.KnownHosts;
import org.thunderproject.ec2.ssh.SshConnectException;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshHostKeyException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshNotReadyException;
import org.thunderproject.ec2.ssh.SshTarget;

/** How SSH failures become thunder-ec2 exceptions that name the node, alone and in batches. */
class SshFailuresTest {
    @TempDir
    Path home;

    private static NodeRecord node(String id, NodeRole role, String address) {
        InstanceRecord instance = new InstanceRecord(
                id,
                NodeState.RUNNING,
                "m5.large",
                "us-east-1a",
                Optional.of(address),
                Optional.of("10.0.0.1"),
                Optional.empty(),
                false,
                Instant.EPOCH,
                0,
                Map.of(),
                List.of());
        return new NodeRecord(instance, role);
    }

    private static SshTarget target(NodeRecord node) {
        return SshTarget.of(node.instance().publicIp().orElseThrow(), 22, "ec2-user")
                .withHostId(node.id());
    }

    private static PublicKey key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }

    private SshHostKeyException hostKeyFailure(NodeRecord node, KnownHosts store, String presented, String known) {
        return new SshHostKeyException(
                target(node), "Host key of " + node.id() + " has changed", presented, List.of(known), store.file());
    }

    @Test
    void aChangedRecordedKeyNamesTheNodeBothFingerprintsAndTheReset() throws Exception {
        KnownHosts store = KnownHosts.in(home);
        NodeRecord slave = node("i-0abc", NodeRole.SLAVE, "127.1.2.3");
        PublicKey recorded = key();
        store.add(slave.id(), recorded);
        String old = HostKeyFingerprint.of(recorded).toString();

        HostKeyChangedException e = (HostKeyChangedException)
                SshFailures.translate(slave, hostKeyFailure(slave, store, "SHA256:new", old), store);

        assertThat(e.instanceId()).isEqualTo("i-0abc");
        assertThat(e.presentedFingerprint()).isEqualTo("SHA256:new");
        assertThat(e.knownFingerprints()).containsExactly(old);
        assertThat(e.knownHostsFile()).isEqualTo(store.file());
        assertThat(e.getMessage())
                .contains(
                        "i-0abc (slave at 127.1.2.3)",
                        "SHA256:new",
                        old,
                        "changed",
                        "ssh-keygen -R i-0abc -f " + store.file());
        assertThat(e.getCause()).isInstanceOf(SshHostKeyException.class);
    }

    @Test
    void aFirstContactKeyThatIsNotTheConsolesSaysSoWithoutAResetHint() {
        KnownHosts store = KnownHosts.in(home);
        NodeRecord master = node("i-0def", NodeRole.MASTER, "127.1.2.4");

        HostKeyChangedException e = (HostKeyChangedException)
                SshFailures.translate(master, hostKeyFailure(master, store, "SHA256:new", "SHA256:console"), store);

        assertThat(e.getMessage())
                .contains("i-0def (master at 127.1.2.4)", "console output", "SHA256:console")
                .doesNotContain("ssh-keygen");
    }

    @Test
    void otherFailuresBecomeTimeoutsInterruptsOrNodeSshExceptions() {
        KnownHosts store = KnownHosts.in(home);
        NodeRecord slave = node("i-0abc", NodeRole.SLAVE, "127.1.2.3");
        SshConnectException refused = new SshConnectException(target(slave), "connection refused", null);

        assertThat(SshFailures.translate(
                        slave,
                        new SshNotReadyException(
                                target(slave), "not ready after 5 s", Duration.ofSeconds(5), 3, refused),
                        store))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("i-0abc")
                .hasMessageContaining("not ready");
        assertThat(SshFailures.translate(slave, refused, store))
                .isInstanceOfSatisfying(
                        NodeSshException.class, e -> assertThat(e.instanceIds()).containsExactly("i-0abc"))
                .hasMessageContaining("connection refused");
        assertThat(SshFailures.translate(
                        slave,
                        new SshInterruptedException(target(slave), "interrupted", new InterruptedException()),
                        store))
                .isInstanceOf(OperationInterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status set again").isTrue();
    }

    @Test
    void aBatchThrowsTheHostKeyFailureFirstElseListsEveryFailedNode() {
        KnownHosts store = KnownHosts.in(home);
        NodeRecord a = node("i-000a", NodeRole.MASTER, "127.1.0.1");
        NodeRecord b = node("i-000b", NodeRole.SLAVE, "127.1.0.2");
        NodeRecord c = node("i-000c", NodeRole.SLAVE, "127.1.0.3");
        SshException refusedB = new SshConnectException(target(b), "refused b", null);
        SshException refusedC = new SshConnectException(target(c), "refused c", null);

        NodeBatch<String> ok = new NodeBatch<>(
                List.of(a, b),
                BatchResult.of(
                        List.of(
                                HostResult.success(target(a), "x", Duration.ZERO),
                                HostResult.success(target(b), "y", Duration.ZERO)),
                        Duration.ZERO),
                store);
        assertThat(ok.values("work")).containsExactly("x", "y");

        NodeBatch<String> twoDown = new NodeBatch<>(
                List.of(a, b, c),
                BatchResult.of(
                        List.of(
                                HostResult.success(target(a), "x", Duration.ZERO),
                                HostResult.<String>failure(target(b), refusedB, Duration.ZERO),
                                HostResult.<String>failure(target(c), refusedC, Duration.ZERO)),
                        Duration.ZERO),
                store);
        assertThat(twoDown.failed()).containsExactly(b, c);
        assertThatThrownBy(() -> twoDown.requireAllSucceeded("running 'true'"))
                .isInstanceOfSatisfying(
                        NodeSshException.class, e -> assertThat(e.instanceIds()).containsExactly("i-000b", "i-000c"))
                .hasMessageContaining("running 'true' failed on 2 of 3 nodes")
                .hasMessageContaining("i-000b (slave at 127.1.0.2): refused b")
                .hasMessageContaining("refused c");

        NodeBatch<String> keyChanged = new NodeBatch<>(
                List.of(b, c),
                BatchResult.of(
                        List.of(
                                HostResult.<String>failure(target(b), refusedB, Duration.ZERO),
                                HostResult.<String>failure(
                                        target(c), hostKeyFailure(c, store, "SHA256:n", "SHA256:o"), Duration.ZERO)),
                        Duration.ZERO),
                store);
        assertThatThrownBy(() -> keyChanged.requireAllSucceeded("work"))
                .isInstanceOfSatisfying(HostKeyChangedException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo("i-000c");
                    assertThat(e.getSuppressed()).hasSize(1);
                });
    }

    @Test
    void selectorsPickRoles() {
        assertThat(NodeSelector.ALL.includes(NodeRole.MASTER)).isTrue();
        assertThat(NodeSelector.ALL.includes(NodeRole.SLAVE)).isTrue();
        assertThat(NodeSelector.MASTER.includes(NodeRole.MASTER)).isTrue();
        assertThat(NodeSelector.MASTER.includes(NodeRole.SLAVE)).isFalse();
        assertThat(NodeSelector.SLAVES.includes(NodeRole.SLAVE)).isTrue();
        assertThat(NodeSelector.SLAVES.includes(NodeRole.MASTER)).isFalse();
    }
}
