package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.TestServer;

/** Files: directory trees with their modes, secrets owner-only from the start, big files. */
interface FileTransferContract extends SshFixture {

    @Test
    default void uploadsADirectoryTreeKeepingModes() throws IOException {
        TestServer server = server(15);
        Path tree = Files.createDirectories(tmp().resolve("local/tree"));
        write(tree.resolve("a.txt"), "alpha", "rw-r-----");
        write(tree.resolve("run.sh"), "#!/bin/sh\necho ran\n", "rwxr-xr-x");
        Files.createDirectories(tree.resolve("sub"));
        write(tree.resolve("sub/key"), "k", "rw-------");
        Files.createDirectories(tree.resolve("ro"));
        write(tree.resolve("ro/file"), "read only", "r--r--r--");
        Files.setPosixFilePermissions(tree.resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(tree.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-x---"));
        Path remote = tmp().resolve("remote/deep/tree");

        try (SshSession s = ssh().connect(server.target())) {
            s.upload(tree, remote.toString());
            assertThat(modes(remote))
                    .containsExactly(
                            ". rwxr-x---",
                            "a.txt rw-r-----",
                            "ro r-xr-xr-x",
                            "ro/file r--r--r--",
                            "run.sh rwxr-xr-x",
                            "sub rwx------",
                            "sub/key rw-------");
            assertThat(Files.readString(remote.resolve("ro/file"))).isEqualTo("read only");
            assertThat(s.exec(remote.resolve("run.sh").toString()).stdout()).isEqualTo("ran\n");
            assertThat(Files.getLastModifiedTime(remote.resolve("a.txt")).toMillis() / 1000)
                    .isEqualTo(Files.getLastModifiedTime(tree.resolve("a.txt")).toMillis() / 1000);

            // Again over the existing copy (read-only parts included): replaced and merged.
            Files.writeString(tree.resolve("a.txt"), "beta");
            s.upload(tree, remote.toString());
            assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("beta");
            assertThat(modes(remote)).contains("ro r-xr-xr-x", "a.txt rw-r-----");

            Path single = tmp().resolve("remote/single.sh");
            s.upload(tree.resolve("run.sh"), single.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(single)))
                    .isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    default void secretsAreWrittenOwnerOnlyFromTheStart() throws IOException {
        TestServer server = server(16);
        Path fresh = tmp().resolve("secrets/nested/token");
        Path existing = Files.writeString(tmp().resolve("world-readable"), "old old old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        try (SshSession s = ssh().connect(server.target())) {
            s.writeSecret(fresh.toString(), "s3cret");
            assertThat(Files.readString(fresh)).isEqualTo("s3cret");
            assertThat(perms(fresh)).isEqualTo("rw-------");
            assertThat(perms(fresh.getParent())).isEqualTo("rwx------");
            assertThat(perms(fresh.getParent().getParent())).isEqualTo("rwx------");

            s.writeSecret(existing.toString(), "new".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(existing)).isEqualTo("new");
            assertThat(perms(existing)).isEqualTo("rw-------");

            Path plain = tmp().resolve("plain.conf");
            s.writeFile(plain.toString(), "a=1\n".getBytes(StandardCharsets.UTF_8), 0644);
            assertThat(perms(plain)).isEqualTo("rw-r--r--");
            assertThat(new String(s.readFile(fresh.toString()), StandardCharsets.UTF_8))
                    .isEqualTo("s3cret");
        }
    }

    @Test
    default void bigFilesUploadWriteAndReadBackIntact() throws Exception {
        TestServer server = server(21);
        byte[] big = new byte[8 << 20];
        new java.util.Random(7).nextBytes(big);
        Path local = Files.write(tmp().resolve("big.bin"), big);
        try (SshSession s = ssh().connect(server.target())) {
            long t0 = System.nanoTime();
            s.upload(local, tmp().resolve("big-copy.bin").toString());
            long t1 = System.nanoTime();
            s.writeSecret(tmp().resolve("big-secret.bin").toString(), big);
            long t2 = System.nanoTime();
            byte[] back = s.readFile(tmp().resolve("big-copy.bin").toString());
            long t3 = System.nanoTime();
            System.out.printf(
                    "8 MiB: upload %d ms, writeSecret %d ms, readFile %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            assertThat(back).isEqualTo(big);
        }
        assertThat(Files.readAllBytes(tmp().resolve("big-copy.bin"))).isEqualTo(big);
        assertThat(Files.readAllBytes(tmp().resolve("big-secret.bin"))).isEqualTo(big);
    }

    private static void write(Path p, String content, String perms) throws IOException {
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> modes(Path root) throws IOException {
        try (var stream = Files.walk(root)) {
            return stream.map(p -> {
                        String rel = root.relativize(p).toString();
                        try {
                            return (rel.isEmpty() ? "." : rel) + " " + perms(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }
}
