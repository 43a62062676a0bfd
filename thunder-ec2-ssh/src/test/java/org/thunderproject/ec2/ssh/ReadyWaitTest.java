package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for hosts that never answer: deadlines and interrupts. */
class ReadyWaitTest {
    @TempDir
    Path tmp;

    private Ssh ssh() {
        return Ssh.builder()
                .identity(Identity.fromKeyPair(TestKeys.ec()))
                .knownHosts(KnownHosts.at(tmp.resolve("known_hosts")))
                .settings(SshFixture.FAST)
                .build();
    }

    @Test
    void aHostThatKeepsRefusingEndsWithItsHostTheCauseAndTheWait() {
        String address = "127.77.4.1";
        SshTarget target =
                SshTarget.of(address, SshFixture.freePort(address), "ec2-user").withHostId("i-0dead");
        SshNotReadyException e =
                assertThrows(SshNotReadyException.class, () -> ssh().connectWhenReady(target, Duration.ofMillis(700)));
        assertThat(e.getMessage())
                .contains("i-0dead")
                .contains(address)
                .contains("was not ready after")
                .contains("connection refused");
        assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(10));
        assertThat(e.attempts()).isGreaterThan(1);
        assertThat(e.lastFailure()).isInstanceOf(SshConnectException.class);

        SshConnectException once = assertThrows(SshConnectException.class, () -> ssh().connect(target));
        assertThat(once.getMessage()).contains("connection refused");
    }

    @Test
    void waitingCanBeInterrupted() throws Exception {
        String address = "127.77.4.2";
        SshTarget target = SshTarget.of(address, SshFixture.freePort(address), "ec2-user");
        CountDownLatch failedOnce = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                ssh().connectWhenReady(target, Duration.ofMinutes(5), (t, n, f, next) -> failedOnce.countDown());
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        assertThat(failedOnce.await(30, TimeUnit.SECONDS)).isTrue();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(SshInterruptedException.class).hasMessageContaining(address);
        assertThat(flag.get()).isTrue();
    }

    @Test
    void aBatchWaitsForAllHostsTogetherAndReportsEach() {
        String address = "127.77.4.3";
        SshTarget dead = SshTarget.of(address, SshFixture.freePort(address), "ec2-user");
        BatchResult<Duration> r = ssh().awaitReady(
                        java.util.List.of(dead, dead.withHostId("i-2")),
                        BatchOptions.defaults().withReadyTimeout(Duration.ofMillis(500)));
        assertThat(r.failures())
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.error()).get().isInstanceOf(SshNotReadyException.class));
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    }
}
