package org.thunderproject.ec2.localcloud.internal.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key fingerprints as EC2 computes them. They differ by how the key reached EC2:
 * <ul>
 *   <li>created RSA: SHA-1 of the DER PKCS#8 private key, colon-separated hex;
 *   <li>imported RSA: MD5 of the DER SubjectPublicKeyInfo, colon-separated hex;
 *   <li>ED25519 (created or imported): SHA-256 of the OpenSSH public key blob, base64 with
 *       padding and without OpenSSH's {@code SHA256:} prefix (what real EC2 returns).
 * </ul>
 */
public final class Fingerprints {

    private Fingerprints() {}

    /** Fingerprint of an RSA key pair created by EC2. */
    public static String createdRsa(byte[] pkcs8PrivateKey) {
        return colonHex(digest("SHA-1", pkcs8PrivateKey));
    }

    /** Fingerprint of an imported RSA public key. */
    public static String importedRsa(byte[] subjectPublicKeyInfo) {
        return colonHex(digest("MD5", subjectPublicKeyInfo));
    }

    /** Fingerprint of an ED25519 key, created or imported. */
    public static String ed25519(byte[] openSshPublicKeyBlob) {
        return Base64.getEncoder().encodeToString(digest("SHA-256", openSshPublicKeyBlob));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
