package org.thunderproject.ec2.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ssh.internal.KeyCodec;
import org.thunderproject.ec2.ssh.internal.KnownHostsFile;

/**
 * thunder-ec2's own known-hosts store: host keys recorded by host id (e.g. an EC2 instance id),
 * not only by address, because addresses change on stop/start. A host's first key is pinned from
 * its {@linkplain SshTarget#expectedHostKeys() expected fingerprints} when the caller has them,
 * else trusted on first use; afterwards a different key is refused with
 * {@link SshHostKeyException}.
 *
 * <p>The file is in OpenSSH's {@code known_hosts} format with host ids as host names, created 0600
 * in a 0700 directory, so plain {@code ssh -o UserKnownHostsFile=FILE -o HostKeyAlias=ID} checks
 * against it too (see {@link SshCommandLine}) and {@code ssh-keygen -R ID -f FILE} resets an entry.
 * Safe to share between threads and processes. The file is parsed once per version (not once per
 * host), and writes inside a {@link #batch()} are made once, when it ends.
 */
public final class KnownHosts {
    private final KnownHostsFile store;

    private KnownHosts(Path file) {
        this.store = new KnownHostsFile(file);
    }

    /** The store in {@code file} (created when the first key is recorded). */
    public static KnownHosts at(Path file) {
        return new KnownHosts(Objects.requireNonNull(file, "file"));
    }

    /** The store in {@code directory/known_hosts}, e.g. the user's thunder-ec2 directory. */
    public static KnownHosts in(Path directory) {
        return at(Objects.requireNonNull(directory, "directory").resolve("known_hosts"));
    }

    /** {@code ~/.thunder-ec2/known_hosts}: the default file. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".thunder-ec2", "known_hosts");
    }

    /** The file. */
    public Path file() {
        return store.path();
    }

    /** The fingerprints of the keys recorded for {@code hostId}; empty if none. */
    public List<HostKeyFingerprint> fingerprints(String hostId) {
        Objects.requireNonNull(hostId, "hostId");
        return store.entries(hostId).stream()
                .map(e -> HostKeyFingerprint.of(e.key()))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The keys recorded for {@code hostId} as {@code known_hosts} lines ({@code HOST_ID TYPE BASE64}):
     * what another machine needs to check the host as this store does, with {@code ssh -o
     * UserKnownHostsFile=FILE -o HostKeyAlias=HOST_ID}. Empty if none.
     */
    public List<String> knownHostsLines(String hostId) {
        Objects.requireNonNull(hostId, "hostId");
        return store.entries(hostId).stream()
                .map(e -> hostId + " " + KeyCodec.openSshLine(e.key()))
                .toList();
    }

    /** Records {@code key} for {@code hostId}, for a key known to be right by other means. */
    public void add(String hostId, PublicKey key) {
        store.add(Objects.requireNonNull(hostId, "hostId"), Objects.requireNonNull(key, "key"));
    }

    /**
     * Removes the keys recorded for {@code hostId}, so that its next key is taken as on first
     * contact (e.g. after the instance was rebuilt). True if there was one.
     */
    public boolean forget(String hostId) {
        return store.forget(List.of(Objects.requireNonNull(hostId, "hostId")));
    }

    /** Removes the keys recorded for every one of {@code hostIds}, in one write. True if there was one. */
    public boolean forget(Collection<String> hostIds) {
        return store.forget(List.copyOf(hostIds));
    }

    /**
     * The lines of the file that cannot be read, each as "line N of FILE cannot be read (why)". They
     * are left as they are; a host id such a line names gets no new key until it is fixed (its
     * connections are refused with {@link SshHostKeyException}).
     */
    public List<String> unreadableLines() {
        return store.unreadableLines();
    }

    /**
     * Defers writes: until the returned batch is closed, keys pinned on first contact are trusted
     * from memory and then written in one go (instead of rewriting the file once per host). Batches
     * nest; {@link Ssh#onEach} opens one itself. Closing twice is harmless.
     */
    public WriteBatch batch() {
        KnownHostsFile.Deferral deferral = store.deferWrites();
        return deferral::close;
    }

    /** A batch of deferred writes; see {@link #batch()}. */
    @FunctionalInterface
    public interface WriteBatch extends AutoCloseable {
        /** Writes the keys pinned during the batch (when it is the outermost one). */
        @Override
        void close();
    }

    KnownHostsFile store() {
        return store;
    }

    @Override
    public String toString() {
        return "KnownHosts[" + store.path() + "]";
    }
}
