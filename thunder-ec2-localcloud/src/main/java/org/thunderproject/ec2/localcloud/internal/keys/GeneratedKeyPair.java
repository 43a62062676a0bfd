package org.thunderproject.ec2.localcloud.internal.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;

/**
 * A key pair made by CreateKeyPair, with the private key in the format EC2 hands out: PKCS#1 PEM
 * ({@code BEGIN RSA PRIVATE KEY}) for RSA, OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) for
 * ED25519. {@link #toString()} never shows the private key.
 */
public final class GeneratedKeyPair {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String type;
    private final String privateKeyPem;
    private final String publicKey;
    private final String fingerprint;

    private GeneratedKeyPair(String type, String privateKeyPem, String publicKey, String fingerprint) {
        this.type = type;
        this.privateKeyPem = privateKeyPem;
        this.publicKey = publicKey;
        this.fingerprint = fingerprint;
    }

    /** A fresh key pair of EC2 type {@code rsa} (2048 bits) or {@code ed25519}. */
    public static GeneratedKeyPair generate(String type, String comment) {
        Objects.requireNonNull(comment, "comment");
        return switch (type) {
            case "rsa" -> rsa(comment);
            case "ed25519" -> ed25519(comment);
            default -> throw new IllegalArgumentException("unsupported key type " + type);
        };
    }

    private static GeneratedKeyPair rsa(String comment) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] pkcs1 = PrivateKeyInfo.getInstance(pkcs8)
                    .parsePrivateKey()
                    .toASN1Primitive()
                    .getEncoded("DER");
            String pem = pem("RSA PRIVATE KEY", pkcs1, 64);
            byte[] blob = OpenSshPublicKey.rsaBlob((RSAPublicKey) pair.getPublic());
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " " + comment;
            return new GeneratedKeyPair("rsa", pem, publicKey, Fingerprints.createdRsa(pkcs8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeneratedKeyPair ed25519(String comment) {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(RANDOM);
        Ed25519PublicKeyParameters publicKey = privateKey.generatePublicKey();
        byte[] openSsh;
        try {
            openSsh = OpenSSHPrivateKeyUtil.encodePrivateKey(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String pem = pem("OPENSSH PRIVATE KEY", openSsh, 70);
        byte[] blob = OpenSshPublicKey.ed25519Blob(publicKey.getEncoded());
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob) + " " + comment;
        return new GeneratedKeyPair("ed25519", pem, line, Fingerprints.ed25519(blob));
    }

    private static String pem(String label, byte[] der, int width) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += width) {
            out.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----").toString();
    }

    /** {@code rsa} or {@code ed25519}. */
    public String type() {
        return type;
    }

    /** The private key, PEM; a secret: never log it. */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /** The public key, OpenSSH {@code authorized_keys} format. */
    public String publicKey() {
        return publicKey;
    }

    /** EC2's fingerprint of a created key. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "GeneratedKeyPair[" + type + ", " + fingerprint + "]";
    }
}
