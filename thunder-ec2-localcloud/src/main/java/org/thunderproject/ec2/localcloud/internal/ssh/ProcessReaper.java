package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and kills an instance's processes. What a command starts in the background ({@code nohup
 * … &}, {@code setsid …}) leaves the process tree, so every process started on an instance carries
 * two environment markers (the instance id and this runtime's token, so two local clouds on one
 * machine never kill each other's processes) and is found again by scanning {@code /proc/}{@code
 * *}{@code /environ}. Live sessions' descendants are added, for processes that cleared their
 * environment. Zombies count as dead: the machine's init may be slow to reap orphans.
 */
final class ProcessReaper {

    /** Names the instance a process belongs to. */
    static final String INSTANCE_VARIABLE = "THUNDER_LOCALCLOUD_INSTANCE";
    /** Names the runtime that started it. */
    static final String RUNTIME_VARIABLE = "THUNDER_LOCALCLOUD_RUNTIME";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessReaper.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final int KILL_ROUNDS = 5;
    private static final long POLL_MILLIS = 20;
    /** Start time of a target found without {@code /proc} (not Linux): liveness from the JDK. */
    private static final long NO_PROC = -1;

    private final String runtimeToken;
    private final Path proc;
    private final long self = ProcessHandle.current().pid();

    ProcessReaper(String runtimeToken, Path proc) {
        this.runtimeToken = Objects.requireNonNull(runtimeToken, "runtimeToken");
        this.proc = Objects.requireNonNull(proc, "proc");
    }

    /** The variables that mark a process as the instance's. */
    Map<String, String> markers(String instanceId) {
        Map<String, String> markers = new LinkedHashMap<>();
        markers.put(INSTANCE_VARIABLE, instanceId);
        markers.put(RUNTIME_VARIABLE, runtimeToken);
        return markers;
    }

    /**
     * The instance's running processes: marked ones plus the given roots and their descendants.
     * With a null {@code instanceId}: the processes of every instance of this runtime.
     */
    List<Target> find(String instanceId, Collection<ProcessHandle> roots) {
        Map<Long, Target> found = new LinkedHashMap<>();
        byte[] instanceMarker =
                instanceId == null ? null : (INSTANCE_VARIABLE + "=" + instanceId).getBytes(StandardCharsets.UTF_8);
        byte[] runtimeMarker = (RUNTIME_VARIABLE + "=" + runtimeToken).getBytes(StandardCharsets.UTF_8);
        if (Files.isDirectory(proc)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, ProcessReaper::isPidDirectory)) {
                for (Path entry : entries) {
                    long pid = Long.parseLong(entry.getFileName().toString());
                    if (pid == self) {
                        continue;
                    }
                    byte[] environ;
                    try {
                        environ = Files.readAllBytes(entry.resolve("environ"));
                    } catch (IOException | SecurityException e) {
                        continue; // gone meanwhile, or not ours to read
                    }
                    if ((instanceMarker == null || containsEntry(environ, instanceMarker))
                            && containsEntry(environ, runtimeMarker)) {
                        target(pid).ifPresent(t -> found.put(pid, t));
                    }
                }
            } catch (IOException e) {
                LOG.warn(
                        "cannot scan {} for the processes of {}: {}",
                        proc,
                        instanceId == null ? "all instances" : instanceId,
                        e.toString());
            }
        }
        for (ProcessHandle root : roots) {
            addWithDescendants(root, found);
        }
        return new ArrayList<>(found.values());
    }

    private void addWithDescendants(ProcessHandle root, Map<Long, Target> found) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            if (h.pid() != self && !found.containsKey(h.pid())) {
                target(h.pid()).ifPresent(t -> found.put(h.pid(), t));
            }
        }
    }

    /**
     * TERM, then KILL after {@code grace}, until no process of the instance (null: of any instance
     * of this runtime) is left (bounded).
     *
     * @return how many processes were signalled
     */
    int kill(String instanceId, Supplier<? extends Collection<ProcessHandle>> roots, Duration grace) {
        List<Target> targets = find(instanceId, roots.get());
        if (targets.isEmpty()) {
            return 0;
        }
        int signalled = targets.size();
        LOG.debug("{}: TERM to {} process(es)", instanceId, targets.size());
        targets.forEach(t -> t.handle().destroy());
        awaitDead(targets, grace);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Target> left = find(instanceId, roots.get());
            if (left.isEmpty()) {
                return signalled;
            }
            signalled += left.size();
            LOG.debug("{}: KILL to {} process(es)", instanceId, left.size());
            left.forEach(t -> t.handle().destroyForcibly());
            awaitDead(left, KILL_WAIT);
        }
        List<Target> left = find(instanceId, roots.get());
        if (!left.isEmpty()) {
            LOG.warn(
                    "{}: {} process(es) survived KILL: {}",
                    instanceId,
                    left.size(),
                    left.stream().map(t -> Long.toString(t.handle().pid())).toList());
        }
        return signalled;
    }

    private void awaitDead(List<Target> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Target> alive = new ArrayList<>(targets);
        while (true) {
            alive.removeIf(t -> !t.running());
            if (alive.isEmpty() || System.nanoTime() - deadline >= 0) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A process with the start time it had when found, so a reused pid is never mistaken for it. */
    Optional<Target> target(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isDirectory(proc)) {
            return Optional.of(new Target(handle.get(), NO_PROC, proc));
        }
        Stat stat = Stat.read(proc, pid);
        if (stat == null || stat.dead()) {
            return Optional.empty();
        }
        return Optional.of(new Target(handle.get(), stat.startTicks(), proc));
    }

    /** True while {@code pid} exists and is not a zombie. */
    boolean running(long pid) {
        Stat stat = Stat.read(proc, pid);
        return stat != null && !stat.dead();
    }

    private static boolean isPidDirectory(Path entry) {
        String name = entry.getFileName().toString();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when the NUL-separated {@code environ} holds exactly {@code entry} as one of its entries. */
    static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (end - start == entry.length && java.util.Arrays.equals(environ, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** A process found on the instance. */
    record Target(ProcessHandle handle, long startTicks, Path proc) {
        /** Still the same process, and not a zombie. */
        boolean running() {
            if (startTicks == NO_PROC) {
                return handle.isAlive();
            }
            Stat stat = Stat.read(proc, handle.pid());
            return stat != null && stat.startTicks() == startTicks && !stat.dead();
        }
    }

    /** The two fields of {@code /proc/PID/stat} that matter here. */
    record Stat(char state, long startTicks) {
        boolean dead() {
            return state == 'Z' || state == 'X' || state == 'x';
        }

        static Stat read(Path proc, long pid) {
            String text;
            try {
                text = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            } catch (IOException | SecurityException e) {
                return null;
            }
            // "pid (comm) S ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
            int close = text.lastIndexOf(')');
            if (close < 0 || close + 2 >= text.length()) {
                return null;
            }
            String[] fields = text.substring(close + 2).trim().split(" ");
            if (fields.length < 20) {
                return null;
            }
            try {
                return new Stat(fields[0].charAt(0), Long.parseLong(fields[19]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
