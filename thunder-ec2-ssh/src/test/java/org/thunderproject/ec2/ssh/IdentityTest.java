package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ssh.testing.Commands;

/** Reading keys: formats, passphrases, and errors that help without leaking. */
class IdentityTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsKeygen() {
        Assumptions.assumeTrue(Commands.find("ssh-keygen").isPresent(), "ssh-keygen (openssh-client) is not installed");
    }

    @Test
    void thePublicKeyIsWhatSshKeygenDerives() throws Exception {
        for (String[] spec :
                List.of(new String[] {"rsa", "-b", "2048", "-m", "PEM"}, new String[] {"ed25519"}, new String[] {
                    "ecdsa", "-b", "521"
                })) {
            Path key = Commands.keygen(
                    tmp.resolve("k-" + spec[0] + spec.length),
                    spec[0],
                    "",
                    java.util.Arrays.copyOfRange(spec, 1, spec.length));
            Identity id = Identity.fromFile(key);
            String pub = Files.readString(Path.of(key + ".pub")).trim();
            assertThat(pub).startsWith(id.authorizedKey() + " ");
            assertThat(id.file()).hasValue(key);
            String printed = Commands.run(List.of("ssh-keygen", "-l", "-f", key + ".pub"));
            assertThat(printed).contains(id.fingerprint());
            assertThat(id.toString()).contains(id.fingerprint()).doesNotContain("PRIVATE");

            Identity inMemory = Identity.fromPrivateKey(Files.readString(key));
            assertThat(inMemory.authorizedKey()).isEqualTo(id.authorizedKey());
            assertThat(inMemory.file()).isEmpty();
        }
    }

    @Test
    void passphrasesAreAskedOnlyWhenNeededAndErrorsNeverShowThem() throws Exception {
        Path plain = Commands.keygen(tmp.resolve("plain"), "ed25519", "");
        Path locked = Commands.keygen(tmp.resolve("locked"), "ed25519", "Tr0ub4dor&3", "-a", "4");
        Path lockedPem = Commands.keygen(tmp.resolve("locked.pem"), "rsa", "Tr0ub4dor&3", "-b", "2048", "-m", "PEM");

        AtomicInteger asked = new AtomicInteger();
        Identity.fromFile(plain, () -> {
            asked.incrementAndGet();
            return "unused".toCharArray();
        });
        assertThat(asked).hasValue(0);

        char[] given = "Tr0ub4dor&3".toCharArray();
        assertThat(Identity.fromFile(locked, () -> {
                            asked.incrementAndGet();
                            return given;
                        })
                        .keyType())
                .isEqualTo("ssh-ed25519");
        assertThat(asked).hasValue(1);
        assertThat(given).containsOnly('\0'); // wiped after use

        assertThat(Identity.fromFile(lockedPem, "Tr0ub4dor&3".toCharArray()).keyType())
                .isEqualTo("ssh-rsa");

        assertThatThrownBy(() -> Identity.fromFile(locked))
                .isInstanceOf(SshIdentityException.class)
                .hasMessageContaining(locked.toString())
                .hasMessageContaining("protected by a passphrase");
        for (Path p : List.of(locked, lockedPem)) {
            assertThatThrownBy(() -> Identity.fromFile(p, "wrong-guess".toCharArray()))
                    .isInstanceOf(SshIdentityException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("passphrase")
                    .satisfies(e -> assertThat(stackText(e))
                            .doesNotContain("wrong-guess")
                            .doesNotContain("Tr0ub4dor"));
        }
    }

    @Test
    void badFilesFailClearly() throws Exception {
        assertThatThrownBy(() -> Identity.fromFile(tmp.resolve("missing.pem")))
                .isInstanceOf(SshIdentityException.class)
                .hasMessageContaining("missing.pem does not exist");
        Path notAKey = Files.writeString(tmp.resolve("notes.txt"), "hello, not a key");
        assertThatThrownBy(() -> Identity.fromFile(notAKey))
                .isInstanceOf(SshIdentityException.class)
                .hasMessageContaining("notes.txt is not a private key");
        Path broken = Files.writeString(
                tmp.resolve("broken.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAAnotbase64!!\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Identity.fromFile(broken))
                .isInstanceOf(SshIdentityException.class)
                .hasMessageContaining("broken.pem");
    }

    @Test
    void keyPairsFromTheJdkWork() {
        for (String alg : List.of("RSA", "Ed25519")) {
            Identity id = Identity.fromKeyPair(TestKeys.of(alg));
            assertThat(id.authorizedKey()).startsWith(alg.equals("RSA") ? "ssh-rsa AAAA" : "ssh-ed25519 AAAA");
        }
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
