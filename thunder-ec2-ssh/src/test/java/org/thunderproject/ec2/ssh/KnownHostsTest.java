package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ssh.internal.KeyCodec;
import org.thunderproject.ec2.ssh.testing.Commands;

class KnownHostsTest {
    @TempDir
    Path tmp;

    @Test
    void isAnOpenSshKnownHostsFileKeyedByHostIdCreatedPrivate() throws Exception {
        KnownHosts store = KnownHosts.in(tmp.resolve("home/.thunder-ec2"));
        KeyPair key = TestKeys.ec();
        store.add("i-0123456789abcdef0", key.getPublic());

        Path file = tmp.resolve("home/.thunder-ec2/known_hosts");
        assertThat(store.file()).isEqualTo(file);
        assertThat(Files.readAllLines(file))
                .containsExactly("i-0123456789abcdef0 " + KeyCodec.openSshLine(key.getPublic()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.getParent().getParent())))
                .isEqualTo("rwx------");
        assertThat(store.fingerprints("i-0123456789abcdef0")).containsExactly(HostKeyFingerprint.of(key.getPublic()));
        assertThat(store.fingerprints("i-other")).isEmpty();
        assertThat(store.knownHostsLines("i-0123456789abcdef0"))
                .containsExactly("i-0123456789abcdef0 " + KeyCodec.openSshLine(key.getPublic()));
        assertThat(store.knownHostsLines("i-other")).isEmpty();

        Assumptions.assumeTrue(Commands.find("ssh-keygen").isPresent(), "ssh-keygen is not installed");
        // OpenSSH's own tool finds the entry by host id.
        String found = Commands.run(List.of("ssh-keygen", "-F", "i-0123456789abcdef0", "-f", file.toString()));
        assertThat(found).contains("i-0123456789abcdef0 ecdsa-sha2-nistp256");
    }

    @Test
    void forgetRemovesOnlyThatHostAndKeepsOtherLines() throws Exception {
        Path file = tmp.resolve("known_hosts");
        KeyPair a = TestKeys.ec();
        KeyPair b = TestKeys.ec();
        Files.writeString(
                file,
                "# written by hand\n"
                        + "i-a," + "alias-a " + KeyCodec.openSshLine(a.getPublic()) + "\n"
                        + "i-b " + KeyCodec.openSshLine(b.getPublic()) + " comment\n"
                        + "@cert-authority *.example " + KeyCodec.openSshLine(b.getPublic()) + "\n");
        KnownHosts store = KnownHosts.at(file);
        assertThat(store.fingerprints("alias-a")).hasSize(1);

        assertThat(store.forget("i-a")).isTrue();
        assertThat(store.forget("i-a")).isFalse();
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "# written by hand",
                        "alias-a " + KeyCodec.openSshLine(a.getPublic()),
                        "i-b " + KeyCodec.openSshLine(b.getPublic()) + " comment",
                        "@cert-authority *.example " + KeyCodec.openSshLine(b.getPublic()));
        assertThat(store.fingerprints("i-b")).hasSize(1);
        assertThat(store.fingerprints("*.example")).isEmpty();
    }

    @Test
    void concurrentRecordsFromManyThreadsAndTwoStoreObjectsAreAllKept() throws Exception {
        Path file = tmp.resolve("d/known_hosts");
        KnownHosts one = KnownHosts.at(file);
        KnownHosts two = KnownHosts.at(file);
        KeyPair key = TestKeys.ec();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            KnownHosts store = i % 2 == 0 ? one : two;
            String id = "i-" + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    store.add(id, key.getPublic());
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(errors).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(one.fingerprints("i-" + i)).as("i-" + i).hasSize(1);
        }
        try (var s = Files.list(file.getParent())) {
            // No temporary files left behind; only the store and its lock file.
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("known_hosts", "known_hosts.lock");
        }
    }
}
