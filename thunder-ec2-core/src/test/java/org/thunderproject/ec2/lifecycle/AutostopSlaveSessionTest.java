package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Autostop with slaves on the local cloud: an SSH session on a slave keeps the whole cluster up
 * (the slave reports it to the master with its reporter key), and once it ends every node stops
 * by itself. The reporter key can do nothing on the master but report: its forced command runs
 * whatever the client asks, with no PTY and no forwarding; a new setting replaces it, a cancel
 * removes it. SAFETY: the agents power off only through the nodes' own shutdown.
 */
@ExtendWith(ShortAutostop.class)
class AutostopSlaveSessionTest {
    private static final Duration IDLE = Duration.ofSeconds(8);
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final String REPORTER = ".thunder-ec2/autostop/reporter";

    @TempDir
    static Path keys;

    @TempDir
    Path scratch;

    private SshFixture fx;
    private AutostopNodes nodes;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "the OpenSSH client (the agents' way to the master) is not installed");
        fx = SshFixture.start(keys, Duration.ZERO);
        nodes = AutostopNodes.of(fx);
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aSessionOnASlaveKeepsTheWholeClusterUpAndWhenItEndsEveryNodeStops() throws Exception {
        Cluster cluster = fx.cluster(fx.spec(name("slave-session")).slaves(2));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        String slave1 = launched.slaves().get(0).instanceId();
        String slave2 = launched.slaves().get(1).instanceId();
        Path agent = nodes.home(master).resolve(".thunder-ec2/autostop");

        // A session held open on slave 2 only (slave 1 has no 'hold' file: its command ends at once).
        Files.writeString(nodes.home(slave2).resolve("hold"), "");
        CompletableFuture<List<CommandResult>> held = CompletableFuture.supplyAsync(
                () -> cluster.run("while [ -f hold ]; do sleep 0.2; done", NodeSelector.SLAVES));
        Poll.until(
                "the held session on slave 2 is marked",
                Duration.ofMinutes(1),
                () -> Optional.of(nodes.sessions(slave2)).filter(n -> n > 0),
                () -> "sessions: " + nodes.sessions(slave2));
        cluster.autostop(Optional.of(IDLE));
        // Long past the master's own idle time (it has no session of its own), checked several intervals on.
        long deadline = Instant.now().plus(IDLE.multipliedBy(2)).getEpochSecond();
        Poll.until(
                "the master agent busy because of slave 2 past " + deadline,
                Duration.ofMinutes(2),
                () -> Optional.of(AutostopNodes.read(agent.resolve("state")) + " "
                                + AutostopNodes.read(agent.resolve("idle-since")))
                        .filter(s -> s.startsWith("busy (ssh session on slave " + slave2 + ") ")
                                && Long.parseLong(s.substring(s.lastIndexOf(' ') + 1)) >= deadline),
                () -> AutostopNodes.read(agent.resolve("state")) + " " + AutostopNodes.read(agent.resolve("idle-since"))
                        + ", slave 2: "
                        + AutostopNodes.read(nodes.home(slave2).resolve(".thunder-ec2/autostop/agent.log")));
        for (String id : List.of(master, slave1, slave2)) {
            assertThat(nodes.state(id)).as(id).isEqualTo("running");
        }

        Files.delete(nodes.home(slave2).resolve("hold"));
        assertThat(held.join()).allSatisfy(r -> assertThat(r.exitStatus()).isZero());
        for (String id : List.of(master, slave1, slave2)) {
            Instance stopped = nodes.await(id, "stopped");
            assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
    }

    @Test
    void theReporterKeyOnlyReportsANewSettingReplacesItAndACancelRemovesIt() throws Exception {
        Cluster cluster = fx.cluster(fx.spec(name("reporter")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        String slave = launched.slaves().get(0).instanceId();
        Path authorizedKeys = nodes.home(master).resolve(".ssh/authorized_keys");
        Path reporter = nodes.home(slave).resolve(REPORTER);

        cluster.autostop(Optional.of(Duration.ofMinutes(30))); // the agents stay out of the way
        assertThat(reporterLines(authorizedKeys)).hasSize(1);
        assertThat(mode(reporter)).isEqualTo("rwx------");
        assertThat(mode(reporter.resolve("id_ed25519"))).isEqualTo("rw-------");
        String oldLine = reporterLines(authorizedKeys).get(0);
        Path oldConfig = withKeyOnly(reporter, Files.readString(reporter.resolve("id_ed25519")));
        assertThat(report(oldConfig, List.of(), slave).status()).isZero();

        cluster.autostop(Optional.of(Duration.ofMinutes(30)));
        List<String> lines = reporterLines(authorizedKeys);
        assertThat(lines).hasSize(1).doesNotContain(oldLine);
        assertThat(lines.get(0))
                .startsWith("restrict,command=\"sh ~/.thunder-ec2/autostop/autostop-report.sh\" ssh-ed25519 ");
        assertThat(Files.readAllLines(authorizedKeys)).hasSize(2); // and the key pair's key, kept

        // What the slave's agent does: its instance id, through the master's pinned host key.
        Path config = reporter.resolve("ssh_config");
        assertThat(report(config, List.of(), slave).status()).isZero();
        assertThat(nodes.home(master).resolve(".thunder-ec2/autostop/peers/" + slave))
                .exists();
        // Anything else runs the same forced command, which refuses it.
        for (String asked : List.of("touch pwned", "i-0abc/../../../pwned", "i-0abc\ntouch pwned", "")) {
            Result result = report(config, List.of(), asked);
            assertThat(result.status()).as(asked).isEqualTo(2);
            assertThat(result.err()).as(asked).contains("autostop-report: expected an instance id");
        }
        assertThat(nodes.home(master).resolve("pwned")).doesNotExist();
        assertThat(report(config, List.of("-tt", "-o", "LogLevel=INFO"), slave).err())
                .contains("PTY allocation request failed");
        Result forward = report(
                config,
                List.of("-o", "ClearAllForwardings=no", "-o", "LogLevel=INFO", "-W", "127.0.0.1:" + fx.cloud.sshPort()),
                "");
        assertThat(forward.status()).isEqualTo(255);
        assertThat(forward.err()).contains("administratively prohibited");
        // The key of the earlier setting no longer gets in.
        Result old = report(oldConfig, List.of(), slave);
        assertThat(old.status()).isEqualTo(255);
        assertThat(old.err()).contains("Permission denied");

        cluster.autostop(Optional.empty());
        assertThat(reporterLines(authorizedKeys)).isEmpty();
        assertThat(Files.readAllLines(authorizedKeys)).hasSize(1);
        assertThat(reporter).doesNotExist();
        assertThat(cluster.run("true", NodeSelector.MASTER).get(0).exitStatus()).isZero();
    }

    private record Result(int status, String out, String err) {}

    /** A copy of the slave's reporter config and key (0600 in the 0700 scratch directory) with only that key. */
    private Path withKeyOnly(Path reporter, String privateKey) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("copy"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path key = Files.writeString(dir.resolve("key"), privateKey);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        String config = Files.readString(reporter.resolve("ssh_config"))
                .replace(reporter.resolve("id_ed25519").toString(), key.toString());
        assertThat(config).contains(key.toString());
        Path file = Files.writeString(dir.resolve("ssh_config"), config);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The system's ssh with a reporter config, as a slave's agent runs it (extra options first win). */
    private Result report(Path config, List<String> options, String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(SSH.toString()));
        argv.addAll(options);
        argv.addAll(List.of("-F", config.toString(), "thunder-ec2-master"));
        if (!command.isEmpty()) {
            argv.add(command);
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("HOME", scratch.toString());
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = scratch.resolve("out");
        Path err = scratch.resolve("err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(argv + " did not finish");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> reporterLines(Path authorizedKeys) throws IOException {
        return Files.readAllLines(authorizedKeys).stream()
                .filter(l -> l.endsWith(" thunder-ec2-autostop-reporter"))
                .toList();
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
