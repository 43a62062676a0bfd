package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.internal.KeyCodec;

class HostKeyFingerprintsTest {
    private static final String CONSOLE = "[    0.000000] Linux version 6.1.0-13-cloud-amd64\n"
            + "[   10.101010] cloud-init[700]: Generating public/private ed25519 key pair.\n"
            + "ec2: \n"
            + "ec2: #############################################################\n"
            + "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
            + "ec2: 256 SHA256:Pq7ZK1mU1mTr0dJ0nEcX0s8dY4Yw3mO9vW6hC2bqk1E root@ip-172-31-5-9 (ECDSA)\n"
            + "ec2: 256 SHA256:7bN1x2l9p0QhJk3mZr5tYv8uWq2sDf4gHj6kLz1xCv0 root@ip-172-31-5-9 (ED25519)\n"
            + "ec2: 3072 SHA256:f0aKq9wE3rT5yU7iO1pA2sD4fG6hJ8kL0zX2cV4bN6m root@ip-172-31-5-9 (RSA)\n"
            + "ec2: -----END SSH HOST KEY FINGERPRINTS-----\n"
            + "ec2: #############################################################\n"
            + "-----BEGIN SSH HOST KEY KEYS-----\n";

    @Test
    void readsTheCloudInitBlockDespiteLinePrefixes() {
        HostKeyFingerprints f = HostKeyFingerprints.fromConsoleOutput(CONSOLE);
        assertThat(f.fingerprints())
                .extracting(Object::toString)
                .containsExactly(
                        "SHA256:Pq7ZK1mU1mTr0dJ0nEcX0s8dY4Yw3mO9vW6hC2bqk1E",
                        "SHA256:7bN1x2l9p0QhJk3mZr5tYv8uWq2sDf4gHj6kLz1xCv0",
                        "SHA256:f0aKq9wE3rT5yU7iO1pA2sD4fG6hJ8kL0zX2cV4bN6m");
        assertThat(f.fingerprints())
                .extracting(p -> p.keyType().orElseThrow())
                .containsExactly("ECDSA", "ED25519", "RSA");
    }

    @Test
    void usesTheLastCompleteBlockAndIgnoresAnUnfinishedOne() {
        String older = CONSOLE.replace("Pq7ZK", "OLDER");
        String rebooted = older + "reboot\n" + CONSOLE;
        assertThat(HostKeyFingerprints.fromConsoleOutput(rebooted)
                        .fingerprints()
                        .get(0)
                        .value())
                .startsWith("Pq7ZK");

        String unfinished =
                CONSOLE + "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\nec2: 256 SHA256:abc root@x (ED25519)\n";
        assertThat(HostKeyFingerprints.fromConsoleOutput(unfinished).isEmpty()).isTrue();
        assertThat(HostKeyFingerprints.fromConsoleOutput("no block at all").isEmpty())
                .isTrue();
        assertThat(HostKeyFingerprints.fromConsoleOutput("")).isEqualTo(HostKeyFingerprints.none());
    }

    @Test
    void readsOldMd5FingerprintsAndTheKeysBlock() throws Exception {
        KeyPair kp = TestKeys.ec();
        String line = KeyCodec.openSshLine(kp.getPublic());
        String console = "-----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "2048 1f:2e:3d:4c:5b:6a:79:88:97:a6:b5:c4:d3:e2:f1:00 /etc/ssh/ssh_host_rsa_key.pub (RSA)\n"
                + "-----END SSH HOST KEY FINGERPRINTS-----\n"
                + "-----BEGIN SSH HOST KEY KEYS-----\n"
                + line + " root@host\n"
                + "-----END SSH HOST KEY KEYS-----\n";
        HostKeyFingerprints f = HostKeyFingerprints.fromConsoleOutput(console);
        assertThat(f.fingerprints()).hasSize(2);
        assertThat(f.fingerprints().get(0).hash()).isEqualTo("MD5");
        assertThat(f.fingerprints().get(0).toString()).isEqualTo("MD5:1f:2e:3d:4c:5b:6a:79:88:97:a6:b5:c4:d3:e2:f1:00");
        assertThat(f.matches(kp.getPublic())).isTrue();
        assertThat(f.matches(TestKeys.ec().getPublic())).isFalse();
    }

    @Test
    void fingerprintsMatchWhatOpenSshComputes() throws Exception {
        KeyPair kp = TestKeys.ec();
        // By definition: SHA-256 over the key blob, base64 without padding.
        byte[] blob =
                Base64.getDecoder().decode(KeyCodec.openSshLine(kp.getPublic()).split(" ")[1]);
        String expected = Base64.getEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        HostKeyFingerprint fp = HostKeyFingerprint.of(kp.getPublic());
        assertThat(fp.toString()).isEqualTo("SHA256:" + expected);
        assertThat(fp.keyType()).hasValue("ECDSA");
        assertThat(HostKeyFingerprint.parse("SHA256:" + expected + "=").matches(kp.getPublic()))
                .isTrue();
        assertThat(HostKeyFingerprint.parse("SHA256:" + expected)).isEqualTo(fp);
        assertThat(HostKeyFingerprints.of("SHA256:" + expected).matches(kp.getPublic()))
                .isTrue();
    }

    @Test
    void rejectsWhatCannotBeChecked() {
        assertThatThrownBy(() -> HostKeyFingerprint.parse("SHA512:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA512:abc");
        assertThatThrownBy(() -> HostKeyFingerprint.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }
}
