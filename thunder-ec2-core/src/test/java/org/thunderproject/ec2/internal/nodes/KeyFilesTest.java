package org.thunderproject.ec2.internal.nodes;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thunderproject.ec2.PreflightException;

class KeyFilesTest {
    @TempDir
    Path dir;

    private Path keyWith(String permissions) throws IOException {
        Path file = dir.resolve("key-" + permissions + ".pem");
        Files.copy(KeyFingerprintsTest.key("rsa-pkcs1.pem"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void ownerOnlyKeysPass(String permissions) throws IOException {
        Path file = keyWith(permissions);

        assertThatCode(() -> KeyFiles.checkPermissions(file)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw-----w-", "rw---x---"})
    void keysOpenToGroupOrOthersAreRefusedWithTheFix(String permissions) throws IOException {
        Path file = keyWith(permissions);

        assertThatThrownBy(() -> KeyFiles.checkPermissions(file))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("accessible by group or others")
                .hasMessageContaining(KeyFiles.octal(PosixFilePermissions.fromString(permissions)))
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void octalLooksLikeLs() {
        org.assertj.core.api.Assertions.assertThat(KeyFiles.octal(PosixFilePermissions.fromString("rw-r--r--")))
                .isEqualTo("0644");
        org.assertj.core.api.Assertions.assertThat(KeyFiles.octal(PosixFilePermissions.fromString("rw-------")))
                .isEqualTo("0600");
    }

    @Test
    void missingFileIsRefused() {
        Path file = dir.resolve("absent.pem");

        assertThatThrownBy(() -> KeyFiles.checkPermissions(file))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryIsRefused() {
        assertThatThrownBy(() -> KeyFiles.checkPermissions(dir))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("not a readable file");
    }

    @Test
    void fileThatIsNoKeyIsRefusedClearly() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a key\n");

        assertThatThrownBy(() -> KeyFiles.read(file))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("is not a private key thunder-ec2 can read");
    }

    @Test
    void publicKeyFileIsRefusedClearly() {
        assertThatThrownBy(() -> KeyFiles.read(KeyFingerprintsTest.key("rsa.pub")))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("is not a private key");
    }

    @Test
    void encryptedPemWithoutPubFileSaysWhatToDo() throws IOException {
        Path file = dir.resolve("enc.pem");
        Files.copy(KeyFingerprintsTest.key("rsa-encrypted.pem"), file);

        assertThatThrownBy(() -> KeyFiles.read(file))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("is encrypted")
                .hasMessageContaining("ssh-keygen -y -f " + file);
    }
}
