package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshInterruptedException;

/**
 * A private file shared by threads and processes: replaced whole by atomic rename (readers never
 * see half of it), changed under a lock file, created 0600 in 0700 directories.
 */
final class PrivateFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Replaces {@code path}'s content with {@code lines} at once. */
    static void replace(Path path, List<String> lines) {
        try {
            Path dir = path.getParent();
            createPrivateDirectories(dir);
            Path tmp = POSIX
                    ? Files.createTempFile(dir, "." + path.getFileName(), ".tmp", ownerOnly("rw-------"))
                    : Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
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
            throw new SshException(null, "Cannot write " + path + ": " + e, e);
        }
    }

    /**
     * Runs {@code body} holding {@code monitor} (threads) and the lock file {@code path.lock}
     * (processes; other objects on the same file in this JVM wait their turn).
     */
    static <T> T locked(Path path, Object monitor, Supplier<T> body) {
        Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
        synchronized (monitor) {
            try {
                createPrivateDirectories(path.getParent());
                try (FileChannel channel = POSIX
                        ? FileChannel.open(
                                lockFile,
                                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
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
                throw new SshException(null, "Cannot lock " + lockFile + ": " + e, e);
            }
        }
    }

    private static FileLock acquire(FileChannel channel) throws IOException, InterruptedException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // Another object on the same file in this JVM holds it: wait for it briefly.
                TimeUnit.MILLISECONDS.sleep(5);
            }
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
}
