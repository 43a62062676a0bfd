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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.LaunchPhase;

/**
 * thunder-ec2's ssh_config, used by the system's OpenSSH client: {@code ssh -F FILE NAME} and
 * {@code NAME-slave-2} reach the nodes with their host keys checked, also after stop/start moved
 * them, a changed host key is refused by OpenSSH itself, and remove-slaves and destroy drop hosts.
 */
class SshConfigTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");

    @TempDir
    static Path keys;

    @TempDir
    Path home;

    private SshFixture fx;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "the OpenSSH client is not installed");
        fx = SshFixture.start(keys, Duration.ZERO);
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void opensshReachesEveryNodeByNameWithItsKeyCheckedAcrossStopStartAndForgetsRemovedNodes() throws Exception {
        String name = name("cfg");
        Cluster cluster = fx.cluster(fx.spec(name).slaves(2));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        Path config = fx.thunder.homeDirectory().resolve("ssh_config");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String text = Files.readString(config);
        assertThat(text)
                .contains(
                        "Host " + name + "\n",
                        "Host " + name + "-slave-1\n",
                        "Host " + name + "-slave-2\n",
                        "  HostKeyAlias " + launched.slaves().get(1).instanceId() + "\n",
                        "  StrictHostKeyChecking yes\n",
                        "  UserKnownHostsFile " + fx.knownHostsFile().toAbsolutePath() + "\n",
                        "  IdentityFile " + fx.key.file().toAbsolutePath() + "\n");

        assertThat(ssh(config, name, "cat /proc/self/environ | tr '\\0' '\\n' | grep THUNDER_LOCALCLOUD_INSTANCE="))
                .isEqualTo("THUNDER_LOCALCLOUD_INSTANCE="
                        + launched.master().orElseThrow().instanceId());
        assertThat(ssh(config, name + "-slave-2", "echo $THUNDER_LOCALCLOUD_INSTANCE"))
                .isEqualTo(launched.slaves().get(1).instanceId());

        cluster.stop();
        assertThat(Files.readString(config))
                .doesNotContain("Host " + name + "\n")
                .contains("# " + name + " (" + launched.master().orElseThrow().instanceId() + ") is stopped");
        ClusterDescription started = cluster.start(LaunchPhase.SSH_READY);
        assertThat(started.master().orElseThrow().publicIp())
                .isNotEqualTo(launched.master().orElseThrow().publicIp());
        assertThat(ssh(config, name + "-slave-1", "echo $THUNDER_LOCALCLOUD_INSTANCE"))
                .isEqualTo(launched.slaves().get(0).instanceId());
        assertThat(ssh(config, name, "echo $THUNDER_LOCALCLOUD_INSTANCE"))
                .isEqualTo(launched.master().orElseThrow().instanceId());

        // Another key recorded for the master: OpenSSH itself refuses to connect.
        String masterId = launched.master().orElseThrow().instanceId();
        String slaveId = launched.slaves().get(0).instanceId();
        Path knownHosts = fx.knownHostsFile();
        List<String> forged = new ArrayList<>();
        for (String line : Files.readAllLines(knownHosts)) {
            if (line.startsWith(slaveId + " ")) {
                forged.add(masterId + line.substring(slaveId.length()));
            } else if (!line.startsWith(masterId + " ")) {
                forged.add(line);
            }
        }
        Files.write(knownHosts, forged);
        Result refused = run(config, name, "echo reached");
        assertThat(refused.status()).isEqualTo(255);
        assertThat(refused.err()).contains("Host key verification failed");
        assertThat(refused.out()).doesNotContain("reached");

        cluster.removeSlaves(1);
        assertThat(Files.readString(config))
                .contains("Host " + name + "-slave-1\n")
                .doesNotContain(name + "-slave-2");
        cluster.destroy();
        assertThat(Files.readString(config)).doesNotContain(name);
    }

    private String ssh(Path config, String host, String command) throws Exception {
        Result result = run(config, host, command);
        assertThat(result.status()).as(result.err()).isZero();
        return result.out().strip();
    }

    private record Result(int status, String out, String err) {}

    /** The system's ssh with only thunder-ec2's config, in a temporary HOME (never the real ~/.ssh). */
    private Result run(Path config, String host, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                SSH.toString(),
                "-F",
                config.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "GlobalKnownHostsFile=/dev/null",
                "-o",
                "ConnectTimeout=20",
                host,
                command);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = home.resolve("out");
        Path err = home.resolve("err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ssh " + host + " did not finish");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
