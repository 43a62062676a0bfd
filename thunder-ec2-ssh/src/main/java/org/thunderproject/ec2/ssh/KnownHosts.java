package org.thunderproject.ec2.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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
 * Safe to share between threads and processes.
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

  /** Records {@code key} for {@code hostId}, for a key known to be right by other means. */
  public void add(String hostId, PublicKey key) {
    store.add(Objects.requireNonNull(hostId, "hostId"), Objects.requireNonNull(key, "key"));
  }

  /**
   * Removes the keys recorded for {@code hostId}, so that its next key is taken as on first
   * contact (e.g. after the instance was rebuilt). True if there was one.
   */
  public boolean forget(String hostId) {
    return store.forget(Objects.requireNonNull(hostId, "hostId"));
  }

  KnownHostsFile store() {
    return store;
  }

  @Override
  public String toString() {
    return "KnownHosts[" + store.path() + "]";
  }
}
