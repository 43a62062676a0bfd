package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.localcloud.Poll;

/** Finding processes by marker, zombies counted as dead, and other runtimes' processes left alone. */
class ProcessReaperTest {

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(Process::destroyForcibly);
    }

    private Process spawn(java.util.Map<String, String> env, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Test
    void environEntriesMatchExactly() {
        byte[] environ = "A=1\0THUNDER_LOCALCLOUD_INSTANCE=i-12\0B=2\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ProcessReaper.containsEntry(environ, bytes("THUNDER_LOCALCLOUD_INSTANCE=i-12")))
                .isTrue();
        assertThat(ProcessReaper.containsEntry(environ, bytes("THUNDER_LOCALCLOUD_INSTANCE=i-1")))
                .isFalse();
        assertThat(ProcessReaper.containsEntry(environ, bytes("A=1"))).isTrue();
        assertThat(ProcessReaper.containsEntry(environ, bytes("B=2"))).isTrue();
        assertThat(ProcessReaper.containsEntry("X=1".getBytes(StandardCharsets.UTF_8), bytes("X=1")))
                .isTrue();
        assertThat(ProcessReaper.containsEntry(new byte[0], bytes("X=1"))).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void statParsingCopesWithParenthesesInTheCommandName() throws Exception {
        Path proc = Files.createTempDirectory("proc");
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(
                proc.resolve("42/stat"),
                "42 (evil) Z (x)) S 1 42 42 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 123456 1000 10 18446744073709551615\n");
        ProcessReaper.Stat stat = ProcessReaper.Stat.read(proc, 42);
        assertThat(stat).isNotNull();
        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.startTicks()).isEqualTo(123456L);
        assertThat(stat.dead()).isFalse();
        assertThat(ProcessReaper.Stat.read(proc, 43)).isNull();
    }

    @Test
    void killsTheMarkedProcessesOfOneInstanceOfOneRuntimeOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        ProcessReaper reaper = new ProcessReaper("runtime-a", Path.of("/proc"));
        ProcessReaper otherRuntime = new ProcessReaper("runtime-b", Path.of("/proc"));
        Process mine = spawn(reaper.markers("i-1"), "exec sleep 1000");
        Process otherInstance = spawn(reaper.markers("i-2"), "exec sleep 1000");
        Process sameIdOtherRuntime = spawn(otherRuntime.markers("i-1"), "exec sleep 1000");

        assertThat(reaper.find("i-1", List.of()))
                .extracting(t -> t.handle().pid())
                .containsExactly(mine.pid());
        assertThat(reaper.kill("i-1", List::of, Duration.ofSeconds(5))).isEqualTo(1);
        Poll.until("marked process gone", Nodes.TIMEOUT, () -> !mine.isAlive());
        assertThat(otherInstance.isAlive()).isTrue();
        assertThat(sameIdOtherRuntime.isAlive()).isTrue();
        assertThat(reaper.find("i-1", List.of())).isEmpty();
    }

    @Test
    void descendantsOfLiveSessionsAreFoundEvenWithoutTheMarker() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        ProcessReaper reaper = new ProcessReaper("runtime-c", Path.of("/proc"));
        // The child clears its environment, so only the process tree ties it to the session.
        Process session = spawn(reaper.markers("i-3"), "env -i /bin/sleep 1000 & wait");
        Poll.until(
                "child started",
                Nodes.TIMEOUT,
                () -> session.toHandle().children().findAny().isPresent());
        long child = session.toHandle().children().findFirst().orElseThrow().pid();
        assertThat(reaper.find("i-3", List.of()))
                .extracting(t -> t.handle().pid())
                .doesNotContain(child);
        assertThat(reaper.find("i-3", List.of(session.toHandle())))
                .extracting(t -> t.handle().pid())
                .contains(child);
        reaper.kill("i-3", () -> List.of(session.toHandle()), Duration.ofSeconds(5));
        Poll.until("child killed", Nodes.TIMEOUT, () -> !reaper.running(child));
    }
}
