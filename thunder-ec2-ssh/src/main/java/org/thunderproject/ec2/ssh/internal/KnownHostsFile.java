package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshHostKeyException;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * A known-hosts file in OpenSSH's format, whose host names are host ids (so plain {@code ssh}
 * checks against it with {@code -o HostKeyAlias=ID -o UserKnownHostsFile=FILE}).
 *
 * <ul>
 *   <li>Read once per version of the file: a parsed copy is kept in memory and read again only
 *       when the file's size, time or inode changed, so checking N hosts costs N stat calls, not N
 *       reads and parses.
 *   <li>Keys pinned on first contact inside {@link #deferWrites()} are trusted from memory and
 *       written together when the batch ends (one write per batch, not one per host).
 *   <li>Writes are read-modify-write under a lock file and land by atomic rename (see
 *       {@link PrivateFiles}), so concurrent connections and processes neither lose entries nor see
 *       half-written files. Created 0600 in a 0700 directory.
 *   <li>A line that cannot be read is logged (file and line) and left as it is; a host it names
 *       gets no new key while it is there (never a silent second pin).
 * </ul>
 */
public final class KnownHostsFile {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);

    private final Path path;
    private final Object monitor = new Object();
    private volatile Snapshot cache;
    private final Map<String, PublicKey> pending = new LinkedHashMap<>(); // guarded by monitor
    private final Set<String> reported = new HashSet<>(); // guarded by monitor
    private int batches; // guarded by monitor

    /** The file at {@code path} (it need not exist yet). */
    public KnownHostsFile(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** One recorded key. */
    public static final class Entry {
        final int line;
        final PublicKey key;

        Entry(int line, PublicKey key) {
            this.line = line;
            this.key = key;
        }

        /** The 1-based line number; 0 for a key pinned in this batch and not written yet. */
        public int line() {
            return line;
        }

        /** The key. */
        public PublicKey key() {
            return key;
        }
    }

    /** An open batch of deferred writes; closing it writes what it pinned. */
    public interface Deferral extends AutoCloseable {
        @Override
        void close();
    }

    /** One version of the file, parsed on first use: a version this store wrote may never need it. */
    private final class Snapshot {
        final Object stamp;
        final List<String> lines;
        private KnownHostsText text; // guarded by this

        Snapshot(Object stamp, List<String> lines) {
            this.stamp = stamp;
            this.lines = List.copyOf(lines);
        }

        KnownHostsText text() {
            KnownHostsText parsed = null;
            KnownHostsText t;
            synchronized (this) {
                if (text == null) {
                    text = parsed = KnownHostsText.parse(lines);
                }
                t = text;
            }
            if (parsed != null) {
                report(parsed); // outside this lock: it takes the store's monitor
            }
            return t;
        }
    }

    /** The keys recorded for {@code hostId} (pinned in an open batch included). */
    public List<Entry> entries(String hostId) {
        List<Entry> found = current().entries(hostId);
        synchronized (monitor) {
            PublicKey waiting = pending.get(hostId);
            if (waiting == null) {
                return found;
            }
            List<Entry> all = new ArrayList<>(found);
            all.add(new Entry(0, waiting));
            return all;
        }
    }

    /** The lines that cannot be read, as "line N of FILE: why", in file order. */
    public List<String> unreadableLines() {
        return current().unreadable().stream().map(this::describe).toList();
    }

    /**
     * Until the returned handle is closed, keys accepted on first contact are kept in memory (and
     * trusted by this store) and written to the file together when the last open handle closes.
     */
    public Deferral deferWrites() {
        synchronized (monitor) {
            batches++;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                endBatch();
            }
        };
    }

    /**
     * Accepts {@code presented} for {@code target} if it is the key recorded for the target's host
     * id; on first contact, if it matches the expected fingerprints (or none are expected), records
     * it and accepts it; otherwise throws {@link SshHostKeyException} saying what differs. A host
     * named by an unreadable line gets no first contact: it is refused until the line is fixed.
     */
    public void verify(SshTarget target, PublicKey presented) {
        String hostId = target.hostId();
        List<Entry> recorded = entries(hostId);
        if (recorded.isEmpty()) {
            recorded = firstContact(target, presented);
            if (recorded.isEmpty()) {
                return;
            }
        }
        for (Entry e : recorded) {
            if (Arrays.equals(KeyCodec.blob(e.key), KeyCodec.blob(presented))) {
                return;
            }
        }
        throw HostKeyRefusals.changed(target, presented, recorded, path);
    }

    /** Pins {@code presented}, or returns what another thread or process recorded meanwhile. */
    private List<Entry> firstContact(SshTarget target, PublicKey presented) {
        String hostId = target.hostId();
        synchronized (monitor) {
            if (batches > 0) {
                List<Entry> now = entries(hostId);
                if (now.isEmpty()) {
                    refuseUnreadable(target, presented, current());
                    HostKeyRefusals.checkExpected(target, presented, path);
                    pending.put(hostId, presented);
                    logPinned(target, presented);
                }
                return now;
            }
        }
        return PrivateFiles.locked(path, monitor, () -> {
            KnownHostsText text = reread();
            List<Entry> now = text.entries(hostId);
            if (now.isEmpty()) {
                refuseUnreadable(target, presented, text);
                HostKeyRefusals.checkExpected(target, presented, path);
                List<String> lines = new ArrayList<>(text.lines());
                lines.add(hostId + " " + KeyCodec.openSshLine(presented));
                write(lines);
                logPinned(target, presented);
            }
            return now;
        });
    }

    private void refuseUnreadable(SshTarget target, PublicKey presented, KnownHostsText text) {
        Optional<KnownHostsText.Unreadable> bad = text.unreadableFor(target.hostId());
        if (bad.isPresent()) {
            throw HostKeyRefusals.unreadable(target, presented, describe(bad.get()), path);
        }
    }

    private void logPinned(SshTarget target, PublicKey presented) {
        LOG.debug(
                "Recorded host key {} for {} in {} ({})",
                KeyCodec.fingerprint(presented),
                target.hostId(),
                path,
                target.expectedHostKeys().isEmpty() ? "trusted on first use" : "matched the expected fingerprints");
    }

    /** Records {@code key} for {@code hostId} unless it is there already; written at once. */
    public void add(String hostId, PublicKey key) {
        PrivateFiles.locked(path, monitor, () -> {
            KnownHostsText text = reread();
            for (Entry e : text.entries(hostId)) {
                if (Arrays.equals(KeyCodec.blob(e.key), KeyCodec.blob(key))) {
                    return null;
                }
            }
            List<String> lines = new ArrayList<>(text.lines());
            lines.add(hostId + " " + KeyCodec.openSshLine(key));
            write(lines);
            return null;
        });
    }

    /** Removes every key recorded for {@code hostIds}, in one write; true if there was one. */
    public boolean forget(Collection<String> hostIds) {
        if (!Files.exists(path)) {
            synchronized (monitor) {
                return pending.keySet().removeAll(hostIds);
            }
        }
        return PrivateFiles.locked(path, monitor, () -> {
            boolean wasPending = pending.keySet().removeAll(hostIds);
            List<String> kept = KnownHostsText.without(read().lines, hostIds); // no key decoded
            if (kept == null) {
                return wasPending;
            }
            write(kept);
            LOG.info(
                    "Forgot the host keys of {} in {}",
                    hostIds.size() == 1 ? hostIds.iterator().next() : hostIds.size() + " hosts",
                    path);
            return true;
        });
    }

    private void endBatch() {
        synchronized (monitor) {
            if (--batches > 0 || pending.isEmpty()) {
                return;
            }
        }
        try {
            PrivateFiles.locked(path, monitor, () -> {
                KnownHostsText text = reread();
                List<String> lines = new ArrayList<>(text.lines());
                pending.forEach((host, key) -> {
                    List<Entry> there = text.entries(host);
                    if (there.isEmpty() && text.unreadableFor(host).isEmpty()) {
                        lines.add(host + " " + KeyCodec.openSshLine(key));
                    } else if (there.stream().noneMatch(e -> Arrays.equals(KeyCodec.blob(e.key), KeyCodec.blob(key)))) {
                        LOG.warn(
                                "{} changed for {} while this batch pinned {}: keeping the file's line",
                                path,
                                host,
                                KeyCodec.fingerprint(key));
                    }
                });
                pending.clear();
                if (lines.size() > text.lines().size()) {
                    write(lines);
                }
                return null;
            });
        } catch (SshException e) {
            // The keys were verified; only their record is lost: the next contact pins them again.
            LOG.warn("Cannot record the host keys of this batch in {}: {}", path, e.getMessage());
        }
    }

    /** The parsed file, read again only when it changed on disk. */
    private KnownHostsText current() {
        Object stamp = stamp();
        Snapshot snapshot = cache;
        if (snapshot != null && Objects.equals(snapshot.stamp, stamp)) {
            return snapshot.text();
        }
        return remember(stamp, stamp == null ? List.of() : readLines()).text();
    }

    /** The file as it is now, under the lock (another process may have just written it). */
    private KnownHostsText reread() {
        return read().text();
    }

    private Snapshot read() {
        Object stamp = stamp();
        return remember(stamp, stamp == null ? List.of() : readLines());
    }

    private Snapshot remember(Object stamp, List<String> lines) {
        Snapshot snapshot = new Snapshot(stamp, lines);
        cache = snapshot;
        return snapshot;
    }

    private void report(KnownHostsText text) {
        for (KnownHostsText.Unreadable u : text.unreadable()) {
            String line = text.lines().get(u.line() - 1);
            boolean first;
            synchronized (monitor) {
                first = reported.add(line);
            }
            if (first) {
                LOG.warn(
                        "{}; it is left as it is{}",
                        describe(u),
                        u.hosts().isEmpty()
                                ? " (it names no host)"
                                : ", and no new key is trusted for " + String.join(", ", u.hosts())
                                        + " until it is fixed");
            }
        }
    }

    private String describe(KnownHostsText.Unreadable u) {
        return "line " + u.line() + " of " + path + " cannot be read (" + u.reason() + ")";
    }

    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SshException(null, "Cannot read known-hosts file " + path + ": " + e, e);
        }
    }

    private List<String> readLines() {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new SshException(null, "Cannot read known-hosts file " + path + ": " + e, e);
        }
    }

    private void write(List<String> lines) {
        PrivateFiles.replace(path, lines);
        remember(stamp(), lines);
    }

    /** For messages: fingerprints of entries. */
    static List<String> fingerprints(List<Entry> entries) {
        return entries.stream().map(e -> KeyCodec.fingerprint(e.key)).collect(Collectors.toList());
    }
}
