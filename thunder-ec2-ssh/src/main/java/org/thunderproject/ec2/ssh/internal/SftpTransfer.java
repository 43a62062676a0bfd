package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * Uploads over SFTP with the local permission bits and modification times, and writes files so
 * that they are never more readable than their final mode, not even for a moment: new files are
 * created with that mode, existing ones are chmod-ed before they are truncated and written.
 */
public final class SftpTransfer {
    private static final int PIPELINED_WRITES = 16;

    private final SFTPClient sftp;

    /** Transfers over {@code sftp}. */
    public SftpTransfer(SFTPClient sftp) {
        this.sftp = sftp;
    }

    /**
     * Copies a file or a directory tree to {@code remote}, which names the copy itself (not its
     * parent); missing parents are created, existing files are replaced, existing directories merged.
     * Symbolic links are followed.
     */
    public void upload(Path local, String remote) throws IOException {
        if (!Files.exists(local)) {
            throw new java.nio.file.NoSuchFileException(local.toString());
        }
        ensureParent(remote, -1);
        if (!Files.isDirectory(local)) {
            putFile(local, remote);
            return;
        }
        Deque<String> remoteDirs = new ArrayDeque<>();
        Files.walkFileTree(
                local, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        String target = join(remote, local.relativize(dir));
                        // Owner rwx until its contents are in; the real mode comes after.
                        mkdirIfAbsent(target, mode(dir) | 0700);
                        remoteDirs.push(target);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile()) {
                            putFile(file, join(remote, local.relativize(file)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            throw new IOException("symbolic link loop at " + file, e);
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        String target = remoteDirs.pop();
                        sftp.setattr(
                                target,
                                attributes(
                                        mode(dir),
                                        Files.getLastModifiedTime(dir).toMillis()));
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /**
     * Writes {@code content} to {@code remote} with permission bits {@code mode}, never wider at
     * any moment; creates missing parent directories with {@code parentMode}, or the server's
     * default when it is negative.
     */
    public void write(String remote, byte[] content, int mode, int parentMode) throws IOException {
        ensureParent(remote, parentMode);
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            writeStream(remote, in, mode, -1);
        }
    }

    /** Reads a whole remote file. */
    public byte[] read(String remote) throws IOException {
        try (RemoteFile file = sftp.open(remote, EnumSet.of(OpenMode.READ));
                InputStream in = file.new ReadAheadRemoteFileInputStream(PIPELINED_WRITES)) {
            return in.readAllBytes();
        }
    }

    private void putFile(Path local, String remote) throws IOException {
        try (InputStream in = Files.newInputStream(local)) {
            writeStream(
                    remote, in, mode(local), Files.getLastModifiedTime(local).toMillis());
        }
    }

    private void writeStream(String remote, InputStream in, int mode, long mtimeMillis) throws IOException {
        RemoteFile file = openForWrite(remote, mode);
        try (file;
                OutputStream out = file.new RemoteFileOutputStream(0, PIPELINED_WRITES)) {
            // Each write becomes one SFTP packet, which must fit the server's packet limit.
            int chunk = Math.max(
                    1024,
                    Math.min(
                            32 * 1024,
                            sftp.getSFTPEngine().getSubsystem().getRemoteMaxPacketSize()
                                    - file.getOutgoingPacketOverhead()));
            byte[] buf = new byte[chunk];
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
            }
        }
        // Again after writing: the server's umask may have narrowed the mode given at creation.
        sftp.setattr(remote, attributes(mode, mtimeMillis));
    }

    private RemoteFile openForWrite(String remote, int mode) throws IOException {
        FileAttributes existing = sftp.statExistence(remote);
        if (existing == null) {
            try {
                return sftp.open(
                        remote,
                        EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL),
                        new FileAttributes.Builder().withPermissions(mode).build());
            } catch (SFTPException e) {
                existing = sftp.statExistence(remote);
                if (existing == null) {
                    throw e;
                }
                // Created by someone else meanwhile: fall through and narrow it first.
            }
        }
        if (existing.getType() == FileMode.Type.DIRECTORY) {
            throw new IOException(remote + " is a directory");
        }
        sftp.setattr(remote, new FileAttributes.Builder().withPermissions(mode).build());
        return sftp.open(remote, EnumSet.of(OpenMode.WRITE, OpenMode.TRUNC));
    }

    private void mkdirIfAbsent(String dir, int mode) throws IOException {
        FileAttributes existing = sftp.statExistence(dir);
        if (existing == null) {
            sftp.getSFTPEngine()
                    .makeDir(
                            dir,
                            new FileAttributes.Builder().withPermissions(mode).build());
        } else if (existing.getType() != FileMode.Type.DIRECTORY) {
            throw new IOException(dir + " exists and is not a directory");
        } else {
            int current = existing.getMode().getPermissionsMask();
            if ((current & 0700) != 0700) {
                sftp.setattr(
                        dir,
                        new FileAttributes.Builder()
                                .withPermissions(current | 0700)
                                .build());
            }
        }
    }

    private void ensureParent(String remote, int parentMode) throws IOException {
        int slash = remote.lastIndexOf('/');
        if (slash <= 0) {
            return;
        }
        String parent = remote.substring(0, slash);
        if (sftp.statExistence(parent) != null) {
            return;
        }
        if (parentMode < 0) {
            sftp.mkdirs(parent);
            return;
        }
        // Create each missing level with parentMode.
        Deque<String> missing = new ArrayDeque<>();
        for (String p = parent; !p.isEmpty() && sftp.statExistence(p) == null; ) {
            missing.push(p);
            int s = p.lastIndexOf('/');
            p = s <= 0 ? "" : p.substring(0, s);
        }
        for (String p : missing) {
            try {
                sftp.getSFTPEngine()
                        .makeDir(
                                p,
                                new FileAttributes.Builder()
                                        .withPermissions(parentMode)
                                        .build());
            } catch (SFTPException e) {
                if (e.getStatusCode() != Response.StatusCode.FILE_ALREADY_EXISTS && sftp.statExistence(p) == null) {
                    throw e;
                }
            }
        }
    }

    private static FileAttributes attributes(int mode, long mtimeMillis) {
        FileAttributes.Builder b = new FileAttributes.Builder().withPermissions(mode);
        if (mtimeMillis >= 0) {
            long seconds = mtimeMillis / 1000;
            b.withAtimeMtime(seconds, seconds);
        }
        return b.build();
    }

    private static String join(String remote, Path relative) {
        String rel = relative.toString().replace('\\', '/');
        if (rel.isEmpty()) {
            return remote;
        }
        return remote.endsWith("/") ? remote + rel : remote + "/" + rel;
    }

    /** The permission bits (incl. setuid/setgid/sticky where known) of a local file. */
    static int mode(Path p) throws IOException {
        try {
            Object unixMode = Files.getAttribute(p, "unix:mode");
            if (unixMode instanceof Integer) {
                return (Integer) unixMode & 07777;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Not a unix file system: fall back to POSIX bits, then to defaults.
        }
        try {
            int m = 0;
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            for (PosixFilePermission perm : perms) {
                m |= 1 << (8 - perm.ordinal());
            }
            return m;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 0755 : Files.isExecutable(p) ? 0755 : 0644;
        }
    }
}
