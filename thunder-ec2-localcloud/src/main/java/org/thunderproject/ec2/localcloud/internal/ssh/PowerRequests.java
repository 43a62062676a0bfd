package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.NodePower;

/**
 * Receives what the nodes' {@link NodePowerCommands} ask for: each request is a file
 * {@code INSTANCE.PID} in a private directory holding {@code ACTION DELAY_SECONDS}, seen by one
 * watcher thread (inotify, no polling) and passed to the cloud's {@link NodePower}, now or after
 * the delay ({@code shutdown +5}); {@code cancel} drops a pending one ({@code shutdown -c}).
 */
final class PowerRequests implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PowerRequests.class);
    private static final Pattern NAME = Pattern.compile("(i-[0-9a-f]{8,17})\\.[0-9]+");
    private static final Pattern REQUEST = Pattern.compile("(poweroff|reboot|cancel) ([0-9]{1,9})");

    private final Path directory;
    private final ScheduledExecutorService timer;
    private final WatchService watcher;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private volatile NodePower power;

    PowerRequests(Path directory, ScheduledExecutorService timer) {
        this.directory = directory;
        this.timer = timer;
        try {
            Files.createDirectories(directory);
            this.watcher = directory.getFileSystem().newWatchService();
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory + " for the nodes' shutdown requests", e);
        }
        Thread thread = new NamedThreadFactory("thunder-localcloud-ssh-power").newThread(this::watch);
        thread.start();
    }

    /** Where requests go from now on. */
    void connect(NodePower power) {
        this.power = power;
    }

    /** The directory the nodes' commands write to. */
    Path directory() {
        return directory;
    }

    /** The instance stopped: a delayed shutdown of it is void. */
    void forget(String instanceId) {
        ScheduledFuture<?> scheduled = pending.remove(instanceId);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents(); // which files does not matter: every request left in the directory is read
                readAll();
                if (!key.reset()) {
                    return;
                }
            }
        } catch (ClosedWatchServiceException e) {
            LOG.trace("power request watcher closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "i-*")) {
            for (Path file : files) {
                read(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot read the nodes' shutdown requests in {}: {}", directory, e.toString());
        }
    }

    private void read(Path file) throws IOException {
        Matcher name = NAME.matcher(file.getFileName().toString());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
            Files.delete(file);
        } catch (NoSuchFileException e) {
            return; // read by an earlier pass
        }
        Matcher request = REQUEST.matcher(text);
        if (!name.matches() || !request.matches()) {
            LOG.warn("ignoring a malformed node power request {}: '{}'", file.getFileName(), text);
            return;
        }
        String instanceId = name.group(1);
        String action = request.group(1);
        long delay = Long.parseLong(request.group(2));
        forget(instanceId);
        LOG.debug("{}: the node asked to {}{}", instanceId, action, delay > 0 ? " in " + delay + " s" : "");
        if (action.equals("cancel")) {
            return;
        }
        Runnable apply = () -> apply(instanceId, action);
        if (delay == 0) {
            apply.run();
        } else {
            pending.put(instanceId, timer.schedule(apply, delay, TimeUnit.SECONDS));
        }
    }

    private void apply(String instanceId, String action) {
        pending.remove(instanceId);
        NodePower target = power;
        if (target == null) {
            LOG.warn("{}: the node asked to {}, but no cloud is connected", instanceId, action);
        } else if (action.equals("reboot")) {
            target.reboot(instanceId);
        } else {
            target.shutdown(instanceId);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(scheduled -> scheduled.cancel(false));
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the power request watcher failed: {}", e.toString());
        }
    }
}
