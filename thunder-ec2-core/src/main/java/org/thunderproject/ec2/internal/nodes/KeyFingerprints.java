package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * EC2's key-pair fingerprints, which depend on how the key pair was made:
 * <ul>
 *   <li>RSA, created by EC2: SHA-1 of the DER PKCS#8 private key, hex with colons;
 *   <li>RSA, imported: MD5 of the DER SubjectPublicKeyInfo public key, hex with colons;
 *   <li>ED25519 (either way): SHA-256 of the OpenSSH public key blob, base64 (as {@code ssh-keygen -l}).
 * </ul>
 */
public final class KeyFingerprints {
    private KeyFingerprints() {}

    /** The outcome of comparing a key file with a key pair. */
    public enum Match {
        /** The file holds the key pair's key. */
        MATCH,
        /** The file holds another key. */
        MISMATCH,
        /** The fingerprint needs the private key, which is encrypted. */
        UNVERIFIABLE
    }

    /** Fingerprint of an RSA key pair EC2 created: SHA-1 of the PKCS#8 DER private key. */
    public static String createdRsa(RSAPrivateCrtKeyParameters privateKey) {
        try {
            return hexWithColons(digest(
                    "SHA-1",
                    PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fingerprint of an imported RSA key pair: MD5 of the DER SubjectPublicKeyInfo. */
    public static String importedRsa(RSAKeyParameters publicKey) {
        try {
            return hexWithColons(digest(
                    "MD5",
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey)
                            .getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenSSH's SHA-256 fingerprint, {@code SHA256:} and unpadded base64, as for ED25519 key pairs. */
    public static String openSshSha256(AsymmetricKeyParameter publicKey) {
        try {
            byte[] blob = OpenSSHPublicKeyUtil.encodePublicKey(publicKey);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fingerprint EC2 could report for a key pair holding {@code key}. */
    public static List<String> candidates(KeyMaterial key) {
        List<String> out = new ArrayList<>();
        if (key.publicKey() instanceof RSAKeyParameters rsa) {
            key.privateKey().ifPresent(p -> out.add(createdRsa((RSAPrivateCrtKeyParameters) p)));
            out.add(importedRsa(rsa));
        } else {
            out.add(openSshSha256(key.publicKey()));
        }
        return out;
    }

    /** Compares EC2's fingerprint of a key pair with the key from its identity file. */
    public static Match match(String ec2Fingerprint, KeyMaterial key) {
        String wanted = normalize(ec2Fingerprint);
        for (String candidate : candidates(key)) {
            if (normalize(candidate).equals(wanted)) {
                return Match.MATCH;
            }
        }
        boolean needsPrivate = key.publicKey() instanceof RSAKeyParameters
                && key.privateKey().isEmpty()
                && wanted.replace(":", "").length() == 40;
        return needsPrivate ? Match.UNVERIFIABLE : Match.MISMATCH;
    }

    /**
     * A fingerprint in comparable form: hex ones lower case, base64 ones without the {@code SHA256:}
     * prefix and padding (EC2 has shown both forms).
     */
    static String normalize(String fingerprint) {
        String f = fingerprint.trim();
        if (f.startsWith("SHA256:")) {
            f = f.substring("SHA256:".length());
        }
        if (f.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2})+")) {
            return f.toLowerCase(Locale.ROOT);
        }
        while (f.endsWith("=")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static String hexWithColons(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
