package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ssh.HostKeyFingerprint;
import org.thunderproject.ec2.ssh.SshCommandLine;

/**
 * A cluster's life over SSH, through the real AWS SDK over HTTP and real SSH against the local
 * cloud: launch ends when every node answers, host keys are pinned from the console output and
 * recorded by instance id, survive stop/start and are refused when they change; slaves come and go;
 * login and the printed ssh command work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSshTest {
    /** Long enough that a start() surely tries SSH while the nodes still refuse it. */
    private static final Duration BOOT_DELAY = Duration.ofSeconds(3);

    @TempDir
    static Path keys;

    private SshFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = SshFixture.start(keys, BOOT_DELAY);
    }

    @AfterEach
    void cleanUp() {
        fx.destroyAll();
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void launchEndsWithEveryNodeAnsweringSshWithItsKeyPinnedFromTheConsoleAndRecordedByInstanceId() throws IOException {
        RecordingListener events = new RecordingListener();
        Cluster cluster =
                fx.cluster(fx.spec(SshFixture.name("ready")).slaves(2)).addListener(events);

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
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("restart")).slaves(1));
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
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("rekey")).slaves(1));
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
    void addSlavesLaunchesThemThroughSshAndRemoveSlavesTerminatesTheNewestKeepingOne() throws IOException {
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("scale")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String firstSlave = launched.slaves().get(0).instanceId();
        RecordingListener events = new RecordingListener();
        cluster.addListener(events);

        ClusterDescription grown = cluster.addSlaves(2, LaunchPhase.SSH_READY);

        assertThat(grown.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(grown.slaves()).hasSize(3);
        assertThat(ids(grown.slaves())).contains(firstSlave);
        assertThat(grown.master().orElseThrow().instanceId())
                .isEqualTo(launched.master().orElseThrow().instanceId());
        assertThat(events.finished())
                .containsSubsequence(
                        ClusterEvent.Step.RUN_INSTANCES, ClusterEvent.Step.WAIT_RUNNING, ClusterEvent.Step.WAIT_SSH);
        assertThat(cluster.slaves())
                .extracting(Node::instanceId)
                .containsExactlyInAnyOrderElementsOf(ids(grown.slaves()));
        assertThat(cluster.run("true", NodeSelector.SLAVES)).hasSize(3).allSatisfy(r -> assertThat(r.exitStatus())
                .isZero());
        assertThat(fx.knownHostIds()).containsAll(ids(grown.nodes()));
        List<String> added = ids(grown.slaves()).stream()
                .filter(id -> !id.equals(firstSlave))
                .toList();

        ClusterDescription shrunk = cluster.removeSlaves(2);

        assertThat(ids(shrunk.slaves())).containsExactly(firstSlave);
        assertThat(fx.knownHostIds()).doesNotContainAnyElementsOf(added).contains(firstSlave);
        assertThat(cluster.run("true")).hasSize(2);
        assertThatThrownBy(() -> cluster.removeSlaves(1))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("at least one")
                .hasMessageContaining("destroy()");
        assertThatThrownBy(() -> cluster.addSlaves(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cluster.describe().slaves()).hasSize(1);
    }

    @Test
    void addSlavesToAStoppedClusterIsRefused() {
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("stopped")).slaves(1));
        cluster.launch(LaunchPhase.SSH_READY);
        cluster.stop();

        assertThatThrownBy(() -> cluster.addSlaves(1))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("start()");
        assertThatThrownBy(() -> cluster.run("true"))
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("start()");
        assertThat(cluster.describe().nodes()).hasSize(2);
    }

    @Test
    void aLaunchInterruptedWhileWaitingForSshIsCompletedByResume() {
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("sshwait")).slaves(2));
        Thread launching = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        cluster.addListener(e -> {
            if (e instanceof ClusterEvent.StepStarted s
                    && s.step() == ClusterEvent.Step.WAIT_SSH
                    && fired.compareAndSet(false, true)) {
                launching.interrupt();
            }
        });

        assertThatThrownBy(() -> cluster.launch(LaunchPhase.SSH_READY))
                .isInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining("resume()");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.RUNNING);

        ClusterDescription resumed = cluster.resume(LaunchPhase.SSH_READY);

        assertThat(resumed.nodes()).hasSize(3);
        assertThat(cluster.run("true")).hasSize(3).allSatisfy(r -> assertThat(r.exitStatus())
                .isZero());
    }

    @Test
    void loginRunsAShellOnTheMasterOnAPtyAndReturnsItsExitStatus() throws Exception {
        assumeTrue(
                onPath("script"),
                "util-linux 'script' is not installed: the local cloud's shells have no PTY without it");
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("login")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // Typed ahead, and the keyboard stays open (as a terminal's would) until the shell is gone.
        keyboard.write("echo \"hi from $(tty | cut -c1-8)\"; echo $HOME; exit 3\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        int status;
        try {
            status = cluster.login(in, screen);
        } finally {
            keyboard.close();
        }

        assertThat(status).isEqualTo(3);
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("hi from /dev/pts");
        String masterHome =
                cluster.run("echo $HOME", NodeSelector.MASTER).get(0).stdout().strip();
        assertThat(shown).contains(masterHome);
        assertThat(launched.master()).isPresent();
    }

    @Test
    void theSshCommandLineLogsInWithOpenSshCheckingTheRecordedKeyByInstanceId() throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        assumeTrue(Files.isExecutable(ssh), "the OpenSSH client (/usr/bin/ssh) is not installed");
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("sshcmd")).slaves(1));
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

    @Test
    void sshOperationsOnAClusterThatDoesNotExistSaySo() {
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("ghost")));

        for (Function<Cluster, Object> op : List.<Function<Cluster, Object>>of(
                c -> c.run("true"),
                Cluster::master,
                Cluster::sshCommand,
                c -> c.forward(0, 80),
                c -> c.addSlaves(1),
                c -> c.removeSlaves(1))) {
            assertThatThrownBy(() -> op.apply(cluster))
                    .isInstanceOf(org.thunderproject.ec2.ClusterNotFoundException.class);
        }
    }

    @Test
    void endpointsWhoseNodesCannotBeReachedStopAtInfrastructure() {
        Cluster cluster = fx.cluster(fx.spec(SshFixture.name("infra")).slaves(1));

        ClusterDescription launched = cluster.launch(LaunchPhase.INFRASTRUCTURE);
        cluster.stop();
        RecordingListener events = new RecordingListener();
        ClusterDescription started = cluster.addListener(events).start(LaunchPhase.INFRASTRUCTURE);

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(started.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(events.started()).doesNotContain(ClusterEvent.Step.WAIT_SSH);
        assertThat(started.nodes()).extracting(Node::role).containsExactly(NodeRole.MASTER, NodeRole.SLAVE);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::instanceId).toList();
    }
}
