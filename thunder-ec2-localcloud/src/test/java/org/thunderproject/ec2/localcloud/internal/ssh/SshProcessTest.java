package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Background processes outlive their SSH session, and die with their instance only. */
class SshProcessTest {

    @TempDir
    Path dir;

    private Nodes nodes;

    @BeforeEach
    void setUp() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** Running and not a zombie, read from /proc like ps does. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static long pid(OpenSsh.Result result) {
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        return Long.parseLong(result.out().strip());
    }

    @Test
    void backgroundProcessesSurviveTheSessionAndDieOnStop() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        long nohup = pid(nodes.ssh(host, "nohup sleep 1000 > sleep.log 2>&1 & echo $!"));
        long detached = pid(nodes.ssh(host, "setsid sleep 1001 < /dev/null > /dev/null 2>&1 & echo $!"));
        // Both sessions have ended; the processes run on, like on a real host.
        assertThat(running(nohup)).isTrue();
        assertThat(running(detached)).isTrue();
        assertThat(nodes.ssh(host, "kill -0 " + nohup + " && kill -0 " + detached)
                        .exitStatus())
                .isZero();

        nodes.runtime.stopped(host.instanceId());
        Poll.until("background processes killed", Nodes.TIMEOUT, () -> !running(nohup) && !running(detached));
    }

    @Test
    void aProcessThatIgnoresTermIsKilledAfterTheGrace() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        long stubborn = pid(
                nodes.ssh(
                        host,
                        "nohup sh -c 'trap \"\" TERM; touch \"$HOME/trapped\"; while :; do sleep 1; done' > /dev/null 2>&1 & echo $!"));
        assertThat(running(stubborn)).isTrue();
        // Stop only once the trap is set: a TERM before it would end the process at once.
        Poll.until(
                "the TERM trap set",
                Nodes.TIMEOUT,
                () -> Files.exists(host.directory().resolve("home/trapped")));

        long stopped = System.nanoTime();
        nodes.runtime.stopped(host.instanceId());
        Poll.until("stubborn process killed", Nodes.TIMEOUT, () -> !running(stubborn));
        // It ignored TERM, so only KILL after the 2 s grace ended it.
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void stoppingOneInstanceLeavesAnotherInstancesProcessesAlone() {
        InstanceHost a = nodes.newHost();
        InstanceHost b = nodes.newHost();
        nodes.startAndAwait(a);
        nodes.startAndAwait(b);
        long onA = pid(nodes.ssh(a, "nohup sleep 1000 > /dev/null 2>&1 & echo $!"));
        long onB = pid(nodes.ssh(b, "nohup sleep 1000 > /dev/null 2>&1 & echo $!"));

        nodes.runtime.stopped(a.instanceId());
        Poll.until("a's process killed", Nodes.TIMEOUT, () -> !running(onA));
        assertThat(running(onB)).isTrue();
        assertThat(nodes.ssh(b, "kill -0 " + onB).exitStatus()).isZero();

        nodes.runtime.terminated(b.instanceId());
        Poll.until("b's process killed", Nodes.TIMEOUT, () -> !running(onB));
    }

    @Test
    void closeKillsEverything() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        long pid = pid(nodes.ssh(host, "nohup sleep 1000 > /dev/null 2>&1 & echo $!"));
        nodes.runtime.close();
        assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
        Poll.until("process killed by close", Nodes.TIMEOUT, () -> !running(pid));
    }

    @Test
    void aProcessStartedAgainAfterRestartIsKilledOnTheNextStop() {
        InstanceHost host = nodes.newHost();
        nodes.startAndAwait(host);
        long first = pid(nodes.ssh(host, "nohup sleep 1000 > /dev/null 2>&1 & echo $!"));
        nodes.runtime.stopped(host.instanceId());
        Poll.until("first process killed", Nodes.TIMEOUT, () -> !running(first));

        InstanceHost again = Nodes.restarted(host);
        nodes.startAndAwait(again);
        long second = pid(nodes.ssh(again, "nohup sleep 1000 > /dev/null 2>&1 & echo $!"));
        assertThat(running(second)).isTrue();
        nodes.runtime.stopped(host.instanceId());
        Poll.until("second process killed", Nodes.TIMEOUT, () -> !running(second));
    }
}
