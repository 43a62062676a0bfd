package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.MinaServer;
import org.thunderproject.ec2.ssh.testing.TestServer;

/** The SSH contract against Apache MINA SSHD (what local-cloud nodes run), plus batches. */
class MinaSshTest extends SshContractTest {

    @Override
    public Object newHostKey() {
        return TestKeys.ec();
    }

    @Override
    public TestServer startServer(String address, int port, Object hostKey) {
        return MinaServer.start(address, port, (java.security.KeyPair) hostKey);
    }

    @Override
    public String address(int n) {
        return "127.77.1." + n;
    }

    @Override
    public String user() {
        return "thunder";
    }

    @Test
    void aHundredTargetsInParallel() {
        String hosts =
                IntStream.rangeClosed(1, 100).mapToObj(i -> "127.77.2." + i).collect(Collectors.joining(","));
        MinaServer server = closeLater(MinaServer.start(hosts, 0, TestKeys.ec()));
        server.authorize(identity().authorizedKey());
        List<SshTarget> targets = new ArrayList<>();
        for (InetSocketAddress a : server.boundAddresses()) {
            targets.add(
                    SshTarget.of(a.getHostString(), a.getPort(), "thunder").withHostId("i-par-" + a.getHostString()));
        }
        assertThat(targets).hasSize(100);
        Set<SshTarget> reported = ConcurrentHashMap.newKeySet();
        BatchOptions options = BatchOptions.defaults()
                .withParallelism(32)
                .withReadyTimeout(Duration.ofSeconds(60))
                .onHostDone(r -> reported.add(r.target()));

        BatchResult<Duration> ready = ssh().awaitReady(targets, options);
        assertThat(ready.failures()).isEmpty();
        assertThat(reported).hasSize(100);
        assertThat(knownHosts().fingerprints("i-par-127.77.2.57")).hasSize(1);

        BatchResult<ExecResult> ran = ssh().execAll(targets, Exec.of("echo ok; echo $SSH_CLIENT >/dev/null"), options);
        ran.requireAllSucceeded();
        assertThat(ran.results()).extracting(r -> r.target()).containsExactlyElementsOf(targets);
        assertThat(ran.values()).allMatch(r -> r.stdout().equals("ok\n"));

        System.out.printf(
                "100 targets, parallelism 32: first contact + host-key recording %d ms, parallel exec %d ms%n",
                ready.elapsed().toMillis(), ran.elapsed().toMillis());
    }

    @Test
    void secretsAreNeverReadableByOthersWhileTheyAreWritten() throws Exception {
        MinaServer server = (MinaServer) server(202);
        Path fresh = tmp().resolve("new-secret");
        Path existing = Files.writeString(tmp().resolve("old-secret"), "previous content");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] big = new byte[3 << 20]; // several SFTP writes
        try (SshSession s = ssh().connect(server.target())) {
            s.writeSecret(fresh.toString(), big);
            s.writeSecret(existing.toString(), "new content");
        }
        assertThat(server.observedModes(fresh)).hasSizeGreaterThan(3).containsOnly("rw-------");
        assertThat(server.observedModes(existing)).hasSizeGreaterThan(1).containsOnly("rw-------");
        assertThat(Files.readString(existing)).isEqualTo("new content");
    }

    @Test
    void aConnectionLostMidCommandIsAnErrorNotAResult() throws Exception {
        TestServer server = server(203);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        try (SshSession s = ssh().connect(server.target())) {
            Thread runner = new Thread(() -> {
                try {
                    outcome.set(new AssertionError("returned "
                            + s.exec(
                                    Exec.of("echo started; exec sleep 60").onStdoutLine(line -> started.countDown()))));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            runner.start();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            String host = server.host();
            server.close();
            runner.join(30_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat(outcome.get()).isInstanceOf(SshException.class).hasMessageContaining(host);
        }
    }

    @Test
    void oneFailingHostNeverFailsTheBatch() {
        TestServer good = server(200);
        SshTarget refused = SshTarget.of("127.77.1.201", SshFixture.freePort("127.77.1.201"), "thunder");
        List<SshTarget> targets = List.of(good.target(), refused, good.target().withHostId("i-second"));

        BatchResult<String> r = ssh().onEach(targets, BatchOptions.defaults(), s -> s.exec("echo hi")
                .stdout()
                .trim());

        assertThat(r.results()).extracting(HostResult::target).containsExactlyElementsOf(targets);
        assertThat(r.successes()).hasSize(2);
        assertThat(r.values()).containsExactly("hi", "hi");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.target()).isEqualTo(refused);
            assertThat(f.error()).get().isInstanceOf(SshConnectException.class);
        });
        assertThatThrownBy(r::requireAllSucceeded)
                .isInstanceOf(SshBatchException.class)
                .hasMessageContaining("1 of 3 hosts failed")
                .hasMessageContaining(refused.toString())
                .hasMessageContaining("connection refused");

        BatchResult<String> thrown = ssh().onEach(List.of(good.target()), BatchOptions.defaults(), s -> {
            throw new IllegalStateException("task broke");
        });
        assertThat(thrown.failures()).singleElement().satisfies(f -> assertThat(f.error())
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("task broke"));
    }
}
