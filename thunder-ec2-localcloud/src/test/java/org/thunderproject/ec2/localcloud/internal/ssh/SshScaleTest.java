package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Many instances at once: they come up quickly, answer in parallel, and close leaves no threads. */
class SshScaleTest {

    private static final Logger LOG = LoggerFactory.getLogger(SshScaleTest.class);
    private static final int INSTANCES = 50;

    @TempDir
    Path dir;

    private Nodes nodes;

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static long runtimeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("thunder-localcloud-ssh")
                        || t.getName().startsWith("sshd-thunder-localcloud"))
                .count();
    }

    /** Thread names with numbers folded, and how many of each. */
    private static java.util.Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        t -> t.getName().replaceAll("\\d+", "N") + (t.isDaemon() ? "" : " (not daemon)"),
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    @Test
    void fiftyInstancesStartAnswerAndStopQuickly() throws Exception {
        int threadsBefore = Thread.activeCount();
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        List<InstanceHost> hosts = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            hosts.add(nodes.newHost());
        }

        long t0 = System.nanoTime();
        hosts.forEach(nodes.runtime::started);
        long calls = System.nanoTime() - t0;
        for (InstanceHost host : hosts) {
            Poll.until(
                    "SSH of " + host.instanceId(),
                    Nodes.TIMEOUT,
                    () -> !nodes.hostKeys(host).isEmpty() && Nodes.answers(host.publicAddress(), host.sshPort()));
        }
        long ready = System.nanoTime() - t0;
        long threadsWhileUp = runtimeThreads();
        int allThreadsWhileUp = Thread.activeCount();
        LOG.info("threads while {} instances are up: {}", INSTANCES, threadNames());

        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        List<CompletableFuture<String>> outputs = new ArrayList<>();
        long t1 = System.nanoTime();
        try {
            for (InstanceHost host : hosts) {
                outputs.add(CompletableFuture.supplyAsync(() -> exec(host, "echo $THUNDER_LOCALCLOUD_INSTANCE"), pool));
            }
            for (int i = 0; i < INSTANCES; i++) {
                assertThat(outputs.get(i).join()).isEqualTo(hosts.get(i).instanceId() + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        long parallelRun = System.nanoTime() - t1;

        long t2 = System.nanoTime();
        hosts.forEach(h -> nodes.runtime.stopped(h.instanceId()));
        long stopCalls = System.nanoTime() - t2;
        for (InstanceHost host : hosts) {
            assertThat(Nodes.refuses(host.publicAddress(), host.sshPort())).isTrue();
            Poll.until(
                    "scratch of " + host.instanceId(),
                    Nodes.TIMEOUT,
                    () -> !Files.exists(host.directory().resolve("mnt")));
        }
        long stopped = System.nanoTime() - t2;

        LOG.info(
                "{} instances: started() calls {} ms, all SSH ready {} ms, parallel exec {} ms, stopped() calls {} ms,"
                        + " all cleaned {} ms, runtime threads while up {}",
                INSTANCES,
                calls / 1_000_000,
                ready / 1_000_000,
                parallelRun / 1_000_000,
                stopCalls / 1_000_000,
                stopped / 1_000_000,
                threadsWhileUp);
        assertThat(Duration.ofNanos(ready)).isLessThan(Duration.ofSeconds(30));
        // Servers share their I/O threads and channel group: the thread count does not grow with instances.
        assertThat(threadsWhileUp).isLessThan(INSTANCES / 2);
        assertThat(allThreadsWhileUp - threadsBefore).isLessThan(INSTANCES / 2);

        nodes.runtime.close();
        Poll.until("runtime threads gone, " + runtimeThreads() + " left", Nodes.TIMEOUT, () -> runtimeThreads() == 0);
    }

    private String exec(InstanceHost host, String command) {
        try (ClientSession session = nodes.session(host, host.publicAddress());
                ChannelExec channel = session.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(Nodes.TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Nodes.TIMEOUT);
            assertThat(channel.getExitStatus()).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
