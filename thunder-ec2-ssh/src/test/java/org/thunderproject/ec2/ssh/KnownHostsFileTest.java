package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ssh.internal.KeyCodec;

/** The store's file handling: unreadable lines, batched writes, one parse per version of the file. */
class KnownHostsFileTest {
    @TempDir
    Path tmp;

    private static SshTarget target(String hostId, KeyPair key) {
        return SshTarget.of("127.0.0.1", 22, "ec2-user")
                .withHostId(hostId)
                .withExpectedHostKeys(HostKeyFingerprints.of(List.of(HostKeyFingerprint.of(key.getPublic()))));
    }

    @Test
    void anUnreadableLineIsReportedLeftAloneAndItsHostGetsNoNewPin() throws Exception {
        Path file = tmp.resolve("known_hosts");
        KeyPair good = TestKeys.ec();
        String goodLine = "i-good " + KeyCodec.openSshLine(good.getPublic());
        List<String> written = List.of(goodLine, "i-corrupt ecdsa-sha2-nistp256 AAAAgarbage!!", "AAAAgarbage!!");
        Files.write(file, written);
        KnownHosts store = KnownHosts.at(file);

        assertThat(store.unreadableLines())
                .containsExactly(
                        "line 2 of " + file + " cannot be read (key is not valid base64)",
                        "line 3 of " + file
                                + " cannot be read (expected 'HOST KEY-TYPE BASE64-KEY', found 1 field(s))");
        KeyPair presented = TestKeys.ec();
        // Even with the right console fingerprints: the host's record is unreadable, so nothing is pinned.
        assertThatThrownBy(() -> store.store().verify(target("i-corrupt", presented), presented.getPublic()))
                .isInstanceOfSatisfying(SshHostKeyException.class, e -> {
                    assertThat(e.hostId()).isEqualTo("i-corrupt");
                    assertThat(e.knownHostsFile()).isEqualTo(file);
                })
                .hasMessageContaining("line 2 of " + file)
                .hasMessageContaining("ssh-keygen -R 'i-corrupt' -f '" + file + "'");
        assertThat(Files.readAllLines(file)).isEqualTo(written);

        // Other hosts are unaffected, and the unreadable lines stay as they were.
        store.store().verify(target("i-good", good), good.getPublic());
        KeyPair fresh = TestKeys.ec();
        store.store().verify(target("i-new", fresh), fresh.getPublic());
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        goodLine, written.get(1), written.get(2), "i-new " + KeyCodec.openSshLine(fresh.getPublic()));

        // Forgetting the host removes its unreadable line: then it is a first contact again.
        assertThat(store.forget("i-corrupt")).isTrue();
        store.store().verify(target("i-corrupt", presented), presented.getPublic());
        assertThat(store.fingerprints("i-corrupt")).containsExactly(HostKeyFingerprint.of(presented.getPublic()));
    }

    @Test
    void pinsInABatchAreTrustedFromMemoryAndWrittenOnceWhenItCloses() throws Exception {
        Path file = tmp.resolve("dir/known_hosts");
        KnownHosts store = KnownHosts.at(file);
        KeyPair key = TestKeys.ec();
        List<String> expected = new ArrayList<>();
        try (KnownHosts.WriteBatch outer = store.batch()) {
            try (KnownHosts.WriteBatch inner = store.batch()) {
                for (int i = 0; i < 50; i++) {
                    store.store().verify(target("i-" + i, key), key.getPublic());
                    expected.add("i-" + i + " " + KeyCodec.openSshLine(key.getPublic()));
                }
                KeyPair other = TestKeys.ec();
                assertThatThrownBy(() -> store.store()
                                .verify(
                                        target("i-7", other).withExpectedHostKeys(HostKeyFingerprints.none()),
                                        other.getPublic()))
                        .isInstanceOf(SshHostKeyException.class)
                        .hasMessageContaining("a key pinned in this batch");
            }
            assertThat(file).as("not written before the outer batch ends").doesNotExist();
            assertThat(store.fingerprints("i-3")).hasSize(1);
            assertThat(KnownHosts.at(file).fingerprints("i-3"))
                    .as("another store sees the file only")
                    .isEmpty();
        }
        assertThat(Files.readAllLines(file)).isEqualTo(expected);
        assertThat(KnownHosts.at(file).fingerprints("i-49")).hasSize(1);
    }

    @Test
    void aBatchKeepsWhatAnotherStoreRecordedMeanwhile() throws Exception {
        Path file = tmp.resolve("known_hosts");
        KnownHosts store = KnownHosts.at(file);
        KnownHosts other = KnownHosts.at(file);
        KeyPair mine = TestKeys.ec();
        KeyPair theirs = TestKeys.ec();
        try (KnownHosts.WriteBatch batch = store.batch()) {
            store.store().verify(target("i-1", mine), mine.getPublic());
            store.store().verify(target("i-2", mine), mine.getPublic());
            other.add("i-2", theirs.getPublic());
            other.add("i-3", theirs.getPublic());
        }
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "i-2 " + KeyCodec.openSshLine(theirs.getPublic()),
                        "i-3 " + KeyCodec.openSshLine(theirs.getPublic()),
                        "i-1 " + KeyCodec.openSshLine(mine.getPublic()));
    }

    @Test
    void changesByOthersAreSeenAndForgettingManyIsOneWrite() throws Exception {
        Path file = tmp.resolve("known_hosts");
        KnownHosts store = KnownHosts.at(file);
        KeyPair key = TestKeys.ec();
        store.add("i-a", key.getPublic());
        assertThat(store.fingerprints("i-b")).isEmpty();
        KnownHosts.at(file).add("i-b", key.getPublic());
        assertThat(store.fingerprints("i-b")).as("the file changed: read again").hasSize(1);
        Files.writeString(file, Files.readString(file) + "i-c " + KeyCodec.openSshLine(key.getPublic()) + "\n");
        assertThat(store.fingerprints("i-c")).as("edited in place").hasSize(1);

        Object inode = Files.getAttribute(file, "unix:ino");
        assertThat(store.forget(List.of("i-a", "i-c", "i-unknown"))).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly("i-b " + KeyCodec.openSshLine(key.getPublic()));
        assertThat(Files.getAttribute(file, "unix:ino"))
                .as("replaced whole, by one rename")
                .isNotEqualTo(inode);
        assertThat(store.forget(List.of("i-a"))).isFalse();
    }
}
