package org.thunderproject.ec2.ssh.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** SSH wire encodings of public keys: blobs, fingerprints, {@code authorized_keys} lines. */
public final class KeyCodec {
    private KeyCodec() {}

    /** The SSH wire blob of {@code key}. */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** The SSH key type name, e.g. {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}. */
    public static String keyType(PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        if (type == KeyType.UNKNOWN) {
            throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        }
        return type.toString();
    }

    /** The SHA-256 digest of the blob, base64 without padding (as OpenSSH prints it). */
    public static String sha256(PublicKey key) {
        return Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob(key)));
    }

    /** The MD5 digest of the blob as lower-case hex pairs joined by colons. */
    public static String md5(PublicKey key) {
        byte[] d = digest("MD5", blob(key));
        StringBuilder sb = new StringBuilder();
        for (byte b : d) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    /** {@code SHA256:…} of {@code key}. */
    public static String fingerprint(PublicKey key) {
        return "SHA256:" + sha256(key);
    }

    /** {@code type base64} of {@code key}, the {@code authorized_keys} / {@code known_hosts} form. */
    public static String openSshLine(PublicKey key) {
        return keyType(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }

    /** Decodes {@code type base64}; the type must agree with the blob. */
    public static PublicKey decode(String type, String base64) throws GeneralSecurityException {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("key is not valid base64", e);
        }
        PublicKey key;
        try {
            key = new Buffer.PlainBuffer(blob).readPublicKey();
        } catch (Buffer.BufferException | RuntimeException e) {
            throw new GeneralSecurityException("cannot decode " + type + " key", e);
        }
        if (!keyType(key).equals(type)) {
            throw new GeneralSecurityException("key type " + type + " does not match its data");
        }
        return key;
    }

    /** {@link #decode}, empty when the key cannot be decoded. */
    public static Optional<PublicKey> decodeQuietly(String type, String base64) {
        try {
            return Optional.of(decode(type, base64));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The label {@code ssh-keygen -l} prints: ED25519, ECDSA, RSA, DSA. */
    public static String label(String keyType) {
        if (keyType.startsWith("ssh-ed25519")) {
            return "ED25519";
        }
        if (keyType.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (keyType.startsWith("ssh-rsa") || keyType.startsWith("rsa-")) {
            return "RSA";
        }
        if (keyType.startsWith("ssh-dss")) {
            return "DSA";
        }
        return keyType.toUpperCase(java.util.Locale.ROOT);
    }

    /** Host key algorithms that produce a key of this type, strongest first. */
    public static List<String> hostKeyAlgorithms(String keyType) {
        if (keyType.equals("ssh-rsa")) {
            return List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
        }
        return List.of(keyType);
    }

    /** Host key algorithms for a {@code ssh-keygen -l} label (ED25519, ECDSA, RSA). */
    public static List<String> hostKeyAlgorithmsForLabel(String label) {
        switch (label) {
            case "ED25519":
                return List.of("ssh-ed25519");
            case "ECDSA":
                return List.of("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
            case "RSA":
                return hostKeyAlgorithms("ssh-rsa");
            default:
                return List.of();
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
