package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.TestServer;

/** Running commands: output, exit statuses, big output on both streams, timeouts. */
interface ExecContract extends SshFixture {

    @Test
    default void execReportsOutputAndExitStatuses() {
        TestServer server = server(1);
        try (SshSession s = ssh().connect(server.target())) {
            ExecResult ok = s.exec("echo out; echo err >&2");
            assertThat(ok.isSuccess()).isTrue();
            assertThat(ok.exitStatus()).hasValue(0);
            assertThat(ok.stdout()).isEqualTo("out\n");
            assertThat(ok.stderr()).isEqualTo("err\n");

            ExecResult three = s.exec("echo failing >&2; exit 3");
            assertThat(three.exitStatus()).hasValue(3);
            assertThat(three.isSuccess()).isFalse();
            assertThatThrownBy(three::requireSuccess)
                    .isInstanceOf(SshCommandException.class)
                    .hasMessageContaining("exit status 3")
                    .hasMessageContaining("failing")
                    .hasMessageContaining(server.host());

            ExecResult killed = s.exec("kill -9 $$");
            assertThat(killed.isSuccess()).isFalse();
            // OpenSSH reports the signal; MINA reports the JVM's view of it, status 128 + 9.
            assertThat(killed.exitCode()).isEqualTo(137);
            killed.exitSignal().ifPresent(sig -> assertThat(sig).isEqualTo("KILL"));

            ExecResult stdin = s.exec(Exec.of("tr a-z A-Z").withStdin("piped in"));
            assertThat(stdin.stdout()).isEqualTo("PIPED IN");
        }
        assertThat(ssh().exec(server.target(), Exec.of("echo one-off")).stdout())
                .isEqualTo("one-off\n");
    }

    @Test
    default void tenMegabytesOfOutputOnBothStreamsAtOnce() {
        TestServer server = server(2);
        long outBytes = 10L << 20;
        long errBytes = 2L << 20;
        AtomicLong outChars = new AtomicLong();
        AtomicLong errChars = new AtomicLong();
        AtomicBoolean onlyX = new AtomicBoolean(true);
        String cmd = "(head -c " + errBytes + " /dev/zero | tr '\\0' e | fold -w 99 >&2) &" + " head -c " + outBytes
                + " /dev/zero | tr '\\0' x | fold -w 99; wait";
        try (SshSession s = ssh().connect(server.target())) {
            ExecResult r = s.exec(Exec.of(cmd)
                    .withTimeout(Duration.ofSeconds(60))
                    .onStdoutLine(line -> {
                        outChars.addAndGet(line.length());
                        if (!line.chars().allMatch(c -> c == 'x')) {
                            onlyX.set(false);
                        }
                    })
                    .onStderrLine(line -> errChars.addAndGet(line.length())));
            assertThat(r.exitStatus()).hasValue(0);
            assertThat(outChars.get()).isEqualTo(outBytes);
            assertThat(errChars.get()).isEqualTo(errBytes);
            assertThat(onlyX).isTrue();
            // Only the first MiB of each stream is kept.
            assertThat(r.stdoutTruncated()).isTrue();
            assertThat(r.stdout()).hasSize(Exec.DEFAULT_OUTPUT_LIMIT);
            assertThat(r.stderrTruncated()).isTrue();
        }
    }

    @Test
    default void execTimeoutStopsTheCommandAndKeepsTheSession() {
        TestServer server = server(3);
        try (SshSession s = ssh().connect(server.target())) {
            long start = System.nanoTime();
            SshTimeoutException e = assertThrows(
                    SshTimeoutException.class,
                    // Short: OpenSSH refuses signals for root logins, so the sleep outlives the timeout.
                    () -> s.exec(Exec.of("sleep 5").withTimeout(Duration.ofMillis(300))));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(e.getMessage()).contains("did not finish within 300 ms").contains("sleep 5");
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(s.exec("echo still here").stdout()).isEqualTo("still here\n");
        }
    }
}
