package org.thunderproject.ec2.internal.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thunderproject.ec2.internal.nodes.KeyFingerprints.Match;

/**
 * EC2's fingerprint rules against values computed independently with openssl and ssh-keygen
 * (commands in src/test/resources/keys/README.md).
 */
class KeyFingerprintsTest {
    // openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs1.pem -outform DER | openssl sha1 -c
    static final String RSA_CREATED = "bf:37:de:6f:c9:5d:74:09:9f:46:a5:8b:08:c3:c2:62:69:80:42:5d";
    // openssl rsa -in rsa-pkcs1.pem -pubout -outform DER | openssl md5 -c
    static final String RSA_IMPORTED = "fc:74:6b:bb:e0:cd:0e:60:da:b7:9f:da:41:91:1d:58";
    // ssh-keygen -lf ed25519.pub
    static final String ED25519 = "SHA256:lAgErEwpc4UzeOvL0eYF430vik0GdKf5Dne2HoYtpPo";
    // the same values for other-rsa.pem
    static final String OTHER_CREATED = "71:23:34:e2:5a:b3:91:d2:42:31:6b:5c:f2:7d:39:11:42:09:95:ea";
    static final String OTHER_IMPORTED = "40:ad:bc:e0:4d:64:ac:35:df:37:bf:cb:4d:3b:bf:6a";

    static Path key(String name) {
        try {
            return Path.of(Objects.requireNonNull(KeyFingerprintsTest.class.getResource("/keys/" + name), name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-pkcs1.pem", "rsa-pkcs8.pem", "rsa-openssh"})
    void rsaKeyInEveryFormatGivesTheCreatedAndImportedFingerprints(String file) {
        KeyMaterial key = KeyFiles.read(key(file));

        assertThat(key.algorithm()).isEqualTo("rsa");
        assertThat(KeyFingerprints.createdRsa(
                        (RSAPrivateCrtKeyParameters) key.privateKey().orElseThrow()))
                .isEqualTo(RSA_CREATED);
        assertThat(KeyFingerprints.importedRsa((RSAKeyParameters) key.publicKey()))
                .isEqualTo(RSA_IMPORTED);
        assertThat(KeyFingerprints.match(RSA_CREATED, key)).isEqualTo(Match.MATCH);
        assertThat(KeyFingerprints.match(RSA_IMPORTED, key)).isEqualTo(Match.MATCH);
    }

    @Test
    void otherRsaKeyHasItsOwnFingerprintsAndDoesNotMatch() {
        KeyMaterial other = KeyFiles.read(key("other-rsa.pem"));

        assertThat(KeyFingerprints.candidates(other)).containsExactly(OTHER_CREATED, OTHER_IMPORTED);
        assertThat(KeyFingerprints.match(RSA_CREATED, other)).isEqualTo(Match.MISMATCH);
        assertThat(KeyFingerprints.match(RSA_IMPORTED, other)).isEqualTo(Match.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ed25519-encrypted"})
    void ed25519GivesOpenSshSha256EvenWhenEncrypted(String file) {
        KeyMaterial key = KeyFiles.read(key(file));

        assertThat(key.algorithm()).isEqualTo("ed25519");
        assertThat(KeyFingerprints.openSshSha256(key.publicKey())).isEqualTo(ED25519);
        assertThat(KeyFingerprints.match(ED25519, key)).isEqualTo(Match.MATCH);
        assertThat(KeyFingerprints.match(RSA_IMPORTED, key)).isEqualTo(Match.MISMATCH);
    }

    @Test
    void ed25519MatchesEc2sPaddedBase64WithoutPrefixToo() {
        KeyMaterial key = KeyFiles.read(key("ed25519"));

        assertThat(KeyFingerprints.match("lAgErEwpc4UzeOvL0eYF430vik0GdKf5Dne2HoYtpPo=", key))
                .isEqualTo(Match.MATCH);
    }

    @Test
    void hexComparisonIgnoresCase() {
        KeyMaterial key = KeyFiles.read(key("rsa-pkcs1.pem"));

        assertThat(KeyFingerprints.match(RSA_IMPORTED.toUpperCase(java.util.Locale.ROOT), key))
                .isEqualTo(Match.MATCH);
    }

    @Test
    void encryptedPemUsesItsPubFileAndCannotVerifyACreatedFingerprint() {
        KeyMaterial key = KeyFiles.read(key("rsa-encrypted.pem"));

        assertThat(key.privateKey()).isEmpty();
        assertThat(KeyFingerprints.match(RSA_IMPORTED, key)).isEqualTo(Match.MATCH);
        assertThat(KeyFingerprints.match(RSA_CREATED, key)).isEqualTo(Match.UNVERIFIABLE);
        assertThat(KeyFingerprints.match(OTHER_IMPORTED, key)).isEqualTo(Match.MISMATCH);
    }
}
