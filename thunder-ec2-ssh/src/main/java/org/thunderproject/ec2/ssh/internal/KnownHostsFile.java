package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshHostKeyException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * A known-hosts file in OpenSSH's format, whose host names are host ids (so plain {@code ssh}
 * checks against it with {@code -o HostKeyAlias=ID -o UserKnownHostsFile=FILE}). Writes are
 * read-modify-write under a lock file and land by atomic rename, so concurrent connections and
 * processes neither lose entries nor see half-written files. Created 0600 in a 0700 directory.
 */
public final class KnownHostsFile {
  private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path path;
  private final Object monitor = new Object();

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

    /** The 1-based line number. */
    public int line() {
      return line;
    }

    /** The key. */
    public PublicKey key() {
      return key;
    }
  }

  /** The keys recorded for {@code hostId}. */
  public List<Entry> entries(String hostId) {
    return entries(readLines(), hostId);
  }

  /**
   * Accepts {@code presented} for {@code target} if it is the key recorded for the target's host
   * id; on first contact, if it matches the expected fingerprints (or none are expected), records
   * it and accepts it; otherwise throws {@link SshHostKeyException} saying what differs.
   */
  public void verify(SshTarget target, PublicKey presented) {
    String hostId = target.hostId();
    List<Entry> recorded = entries(hostId);
    if (recorded.isEmpty()) {
      recorded =
          locked(
              () -> {
                List<String> lines = readLines();
                List<Entry> now = entries(lines, hostId);
                if (now.isEmpty()) {
                  checkExpected(target, presented);
                  lines.add(hostId + " " + KeyCodec.openSshLine(presented));
                  write(lines);
                  LOG.debug(
                      "Recorded host key {} for {} in {} ({})",
                      KeyCodec.fingerprint(presented),
                      hostId,
                      path,
                      target.expectedHostKeys().isEmpty()
                          ? "trusted on first use"
                          : "matched the expected fingerprints");
                }
                return now;
              });
      if (recorded.isEmpty()) {
        return;
      }
    }
    for (Entry e : recorded) {
      if (Arrays.equals(KeyCodec.blob(e.key), KeyCodec.blob(presented))) {
        return;
      }
    }
    throw changed(target, presented, recorded);
  }

  /** Records {@code key} for {@code hostId} unless it is there already. */
  public void add(String hostId, PublicKey key) {
    locked(
        () -> {
          List<String> lines = readLines();
          for (Entry e : entries(lines, hostId)) {
            if (Arrays.equals(KeyCodec.blob(e.key), KeyCodec.blob(key))) {
              return null;
            }
          }
          lines.add(hostId + " " + KeyCodec.openSshLine(key));
          write(lines);
          return null;
        });
  }

  /** Removes every key recorded for {@code hostId}; true if there was one. */
  public boolean forget(String hostId) {
    return locked(
        () -> {
          List<String> lines = readLines();
          List<String> kept = new ArrayList<>(lines.size());
          boolean removed = false;
          for (String line : lines) {
            String[] f = fields(line);
            if (f != null && !f[0].startsWith("@") && names(f[0]).contains(hostId)) {
              List<String> others = new ArrayList<>(names(f[0]));
              others.remove(hostId);
              removed = true;
              if (!others.isEmpty()) {
                kept.add(String.join(",", others) + line.strip().substring(f[0].length()));
              }
            } else {
              kept.add(line);
            }
          }
          if (removed) {
            write(kept);
            LOG.info("Forgot the host key of {} in {}", hostId, path);
          }
          return removed;
        });
  }

  private void checkExpected(SshTarget target, PublicKey presented) {
    if (target.expectedHostKeys().isEmpty() || target.expectedHostKeys().matches(presented)) {
      return;
    }
    String fp = KeyCodec.fingerprint(presented);
    List<String> expected =
        target.expectedHostKeys().fingerprints().stream()
            .map(Object::toString)
            .collect(Collectors.toList());
    throw new SshHostKeyException(
        target,
        "Host key of " + target + " does not match the fingerprints it was expected to have:"
            + " it presents " + KeyCodec.keyType(presented) + " " + fp + ", expected one of "
            + String.join(", ", expected) + " (e.g. from the instance's console output). Refusing"
            + " to connect: someone may be intercepting the connection, or the expected"
            + " fingerprints are stale (fetch the console output again).",
        fp,
        expected,
        path);
  }

  private SshHostKeyException changed(SshTarget target, PublicKey presented, List<Entry> recorded) {
    String fp = KeyCodec.fingerprint(presented);
    String was =
        recorded.stream()
            .map(e -> "line " + e.line + ": " + KeyCodec.keyType(e.key) + " " + KeyCodec.fingerprint(e.key))
            .collect(Collectors.joining("; "));
    String pinHint = "";
    if (!target.expectedHostKeys().isEmpty()) {
      pinHint =
          target.expectedHostKeys().matches(presented)
              ? " The new key does match the fingerprints the host printed at boot."
              : " The new key does not match the fingerprints the host printed at boot either.";
    }
    return new SshHostKeyException(
        target,
        "Host key of " + target.hostId() + " (" + target + ") has changed: " + path + " records "
            + was + ", but the host now presents " + KeyCodec.keyType(presented) + " " + fp
            + ". Refusing to connect: this happens when the host was rebuilt with new keys, but"
            + " can also mean someone is intercepting the connection." + pinHint
            + " If the change is expected, remove the old key with KnownHosts.forget(\""
            + target.hostId() + "\") or `ssh-keygen -R '" + target.hostId() + "' -f '" + path
            + "'`, then connect again.",
        fp,
        recorded.stream().map(e -> KeyCodec.fingerprint(e.key)).collect(Collectors.toList()),
        path);
  }

  private List<Entry> entries(List<String> lines, String hostId) {
    List<Entry> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = fields(lines.get(i));
      if (f == null || f[0].startsWith("@") || f.length < 3 || !names(f[0]).contains(hostId)) {
        continue;
      }
      try {
        found.add(new Entry(i + 1, KeyCodec.decode(f[1], f[2])));
      } catch (GeneralSecurityException e) {
        LOG.warn("Ignoring line {} of {}: {}", i + 1, path, e.getMessage());
      }
    }
    return found;
  }

  private static String[] fields(String line) {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return null;
    }
    return s.split("\\s+");
  }

  private static List<String> names(String field) {
    return Arrays.asList(field.split(","));
  }

  private List<String> readLines() {
    try {
      return new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      throw new SshException(null, "Cannot read known-hosts file " + path + ": " + e, e);
    }
  }

  private void write(List<String> lines) {
    try {
      Path dir = path.getParent();
      createPrivateDirectories(dir);
      Path tmp =
          POSIX
              ? Files.createTempFile(dir, ".known_hosts", ".tmp", ownerOnly("rw-------"))
              : Files.createTempFile(dir, ".known_hosts", ".tmp");
      try {
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new SshException(null, "Cannot write known-hosts file " + path + ": " + e, e);
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(dir, ownerOnly("rwx------"));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static FileAttribute<?> ownerOnly(String perms) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms));
  }

  /**
   * Runs {@code body} holding this object's monitor (threads) and the lock file (processes; other
   * store objects on the same file in this JVM wait their turn).
   */
  private <T> T locked(java.util.function.Supplier<T> body) {
    Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
    synchronized (monitor) {
      try {
        createPrivateDirectories(path.getParent());
        try (FileChannel channel =
            POSIX
                ? FileChannel.open(
                    lockFile,
                    java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    ownerOnly("rw-------"))
                : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = acquire(channel);
          try {
            return body.get();
          } finally {
            lock.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SshInterruptedException(null, "Interrupted while locking " + lockFile, e);
      } catch (IOException e) {
        throw new SshException(null, "Cannot lock known-hosts file " + lockFile + ": " + e, e);
      }
    }
  }

  private static FileLock acquire(FileChannel channel) throws IOException, InterruptedException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        // Another store object on the same file in this JVM holds it: wait for it briefly.
        TimeUnit.MILLISECONDS.sleep(5);
      }
    }
  }
}
