package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ssh.HostKeyFingerprint;
import org.thunderproject.ec2.ssh.SshCommandLine;

/**
 * Host keys over a cluster's life against the local cloud: launch ends when every node answers SSH
 * with its key pinned from the console output and recorded by instance id; the keys survive
 * stop/start (new addresses), a changed key is refused until reset, and the printed ssh command
 * checks the recorded key with OpenSSH.
 */
class HostKeyPinningTest extends AbstractClusterSshTest {
    @Test
    void launchEndsWithEveryNodeAnsweringSshWithItsKeyPinnedFromTheConsoleAndRecordedByInstanceId() throws IOException {
        RecordingListener events = new RecordingListener();
        Cluster cluster = fx.cluster(fx.spec(name("ready")).slaves(2)).addListener(events);

        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(events.finished()).containsSubsequence(ClusterEvent.Step.WAIT_RUNNING, ClusterEvent.Step.WAIT_SSH);
        assertThat(events.finished()).last().isEqualTo(ClusterEvent.Step.WAIT_SSH);
        assertThat(events.of(ClusterEvent.Waiting.class))
                .extracting(ClusterEvent.Waiting::reason)
                .anyMatch(r -> r.matches("\\d of 3 nodes answer SSH.*"));
        assertThat(events.warnings()).noneMatch(w -> w.contains("first use"));
        // Every node answers right away, each in its own home.
        List<CommandResult> results = cluster.run("hostname; echo $HOME");
        assertThat(results).extracting(r -> r.node().instanceId()).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout().lines().toList()).hasSize(2);
        });
        assertThat(results.stream().map(r -> r.stdout().lines().toList().get(1)).collect(Collectors.toSet()))
                .hasSize(3);
        // Keys recorded by instance id, each the one the console showed.
        assertThat(fx.knownHostIds()).containsExactlyInAnyOrderElementsOf(ids(launched.nodes()));
        assertThat(Files.getPosixFilePermissions(fx.knownHostsFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        for (Node node : launched.nodes()) {
            List<HostKeyFingerprint> recorded = fx.knownHosts().fingerprints(node.instanceId());
            assertThat(recorded).hasSize(1);
            assertThat(fx.consoleFingerprints(node.instanceId()).fingerprints()).contains(recorded.get(0));
        }
        assertThat(Files.readString(fx.knownHostsFile()))
                .doesNotContain(launched.master().orElseThrow().publicIp().orElseThrow());
    }

    @Test
    void afterStopAndStartTheAddressesChangeAndThePinnedKeysAreStillAcceptedOnceTheNodesStopRefusing()
            throws IOException {
        Cluster cluster = fx.cluster(fx.spec(name("restart")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String recordedBefore = Files.readString(fx.knownHostsFile());
        RecordingListener events = new RecordingListener();
        cluster.addListener(events);

        cluster.stop();
        ClusterDescription started = cluster.start(LaunchPhase.SSH_READY);

        assertThat(started.state()).isEqualTo(ClusterState.RUNNING);
        for (Node node : started.nodes()) {
            Node before = launched.nodes().stream()
                    .filter(n -> n.instanceId().equals(node.instanceId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(node.publicIp()).isPresent().isNotEqualTo(before.publicIp());
        }
        // start() waited through refused connections (SSH answers BOOT_DELAY after running) by itself.
        assertThat(events.finished())
                .containsSubsequence(
                        ClusterEvent.Step.START_INSTANCES, ClusterEvent.Step.WAIT_RUNNING, ClusterEvent.Step.WAIT_SSH);
        assertThat(events.of(ClusterEvent.Waiting.class))
                .extracting(ClusterEvent.Waiting::reason)
                .anyMatch(r -> r.contains("refusing connections"));
        assertThat(Files.readString(fx.knownHostsFile())).isEqualTo(recordedBefore);
        List<CommandResult> results = cluster.run("echo $HOME");
        assertThat(results).allSatisfy(r -> assertThat(r.exitStatus()).isZero());
        assertThat(results)
                .extracting(r -> r.node().publicIp())
                .containsExactlyElementsOf(
                        started.nodes().stream().map(Node::publicIp).toList());
    }

    @Test
    void aChangedHostKeyIsRefusedNamingTheNodeBothFingerprintsAndTheReset() throws IOException {
        Cluster cluster = fx.cluster(fx.spec(name("rekey")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        String oldFingerprint = fx.knownHosts().fingerprints(master).get(0).toString();
        cluster.stop();
        // The instance is "rebuilt" while stopped: its host key is gone, and it makes a new one at boot.
        Path keyDir = fx.instanceDirectory(master).resolve("etc/ssh");
        assertThat(keyDir.resolve("ssh_host_ecdsa_key")).exists();
        try (var files = Files.list(keyDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        assertThatThrownBy(cluster::start).isInstanceOfSatisfying(HostKeyChangedException.class, e -> {
            assertThat(e.instanceId()).isEqualTo(master);
            assertThat(e.knownFingerprints()).containsExactly(oldFingerprint);
            assertThat(e.presentedFingerprint()).isNotEqualTo(oldFingerprint);
            assertThat(e.knownHostsFile()).isEqualTo(fx.knownHostsFile());
            assertThat(e.getMessage())
                    .contains(
                            master,
                            "master",
                            oldFingerprint,
                            e.presentedFingerprint(),
                            "ssh-keygen -R " + master + " -f " + fx.knownHostsFile(),
                            "intercepting");
        });
        assertThatThrownBy(() -> cluster.run("true", NodeSelector.MASTER)).isInstanceOf(HostKeyChangedException.class);
        // The slave, whose key did not change, is still fine.
        assertThat(cluster.run("true", NodeSelector.SLAVES))
                .allSatisfy(r -> assertThat(r.exitStatus()).isZero());

        // Reset as the message says; the new key is then pinned from the console like a first contact.
        assertThat(fx.knownHosts().forget(master)).isTrue();
        ClusterDescription resumed = cluster.resume(LaunchPhase.SSH_READY);

        assertThat(resumed.state()).isEqualTo(ClusterState.RUNNING);
        String newFingerprint = fx.knownHosts().fingerprints(master).get(0).toString();
        assertThat(newFingerprint).isNotEqualTo(oldFingerprint);
        assertThat(fx.consoleFingerprints(master).fingerprints())
                .extracting(Object::toString)
                .contains(newFingerprint);
        assertThat(cluster.run("true", NodeSelector.MASTER)).singleElement().satisfies(r -> assertThat(r.exitStatus())
                .isZero());
    }

    @Test
    void theSshCommandLineLogsInWithOpenSshCheckingTheRecordedKeyByInstanceId() throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        assumeTrue(Files.isExecutable(ssh), "the OpenSSH client (/usr/bin/ssh) is not installed");
        Cluster cluster = fx.cluster(fx.spec(name("sshcmd")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();

        SshCommandLine command = cluster.sshCommand();

        assertThat(command.toString())
                .startsWith("ssh ")
                .contains(
                        "HostKeyAlias=" + master,
                        "StrictHostKeyChecking=yes",
                        fx.key.file().toString(),
                        "ec2-user@" + launched.master().orElseThrow().publicIp().orElseThrow());
        List<String> args = new ArrayList<>(command.withCommand("echo $HOME").arguments());
        args.addAll(1, List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-F", "/dev/null"));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ssh output: %s", output).isZero();
        assertThat(output.strip())
                .isEqualTo(cluster.run("echo $HOME", NodeSelector.MASTER)
                        .get(0)
                        .stdout()
                        .strip());

        // The same command refuses the master once its recorded key is another one.
        Path other =
                fx.instanceDirectory(launched.slaves().get(0).instanceId()).resolve("etc/ssh/ssh_host_ecdsa_key.pub");
        String otherKey = Files.readString(other).strip().split("\\s+", 3)[0] + " "
                + Files.readString(other).strip().split("\\s+", 3)[1];
        Files.writeString(
                fx.knownHostsFile(),
                Files.readAllLines(fx.knownHostsFile()).stream()
                        .map(l -> l.startsWith(master + " ") ? master + " " + otherKey : l)
                        .collect(Collectors.joining("\n", "", "\n")));
        Process refused = new ProcessBuilder(args).redirectErrorStream(true).start();
        String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).as("ssh output: %s", refusal).isNotZero();
        assertThat(refusal).containsIgnoringCase("host key");
        assertThatThrownBy(() -> cluster.run("true", NodeSelector.MASTER))
                .isInstanceOf(HostKeyChangedException.class)
                .hasMessageContaining(master);
    }
}
