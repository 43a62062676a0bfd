package org.thunderproject.ec2.localcloud.internal.keys;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An RSA or ED25519 public key in OpenSSH form: its wire blob (RFC 4253) and the
 * {@code authorized_keys} line. Parses what ImportKeyPair accepts.
 *
 * @param type {@code rsa} or {@code ed25519} (EC2's key types)
 * @param blob the OpenSSH public key blob
 * @param authorizedKeysLine {@code ssh-rsa AAAA… comment}
 * @param fingerprint the fingerprint EC2 shows for this key when imported
 */
public record OpenSshPublicKey(String type, byte[] blob, String authorizedKeysLine, String fingerprint) {

    /** Checks the parts. */
    public OpenSshPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(authorizedKeysLine, "authorizedKeysLine");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Thrown for material that is not a supported public key. */
    public static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    /**
     * Parses an OpenSSH public key line ({@code ssh-rsa AAAA… comment} or {@code ssh-ed25519 …})
     * or an RFC 4716 ({@code ---- BEGIN SSH2 PUBLIC KEY ----}) block.
     */
    public static OpenSshPublicKey parse(String material) throws FormatException {
        String text = material.trim();
        String base64;
        String comment = "";
        if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
            StringBuilder body = new StringBuilder();
            boolean continuation = false;
            for (String line : text.split("\\R")) {
                String l = line.trim();
                if (l.startsWith("----")) {
                    continue;
                }
                if (continuation || l.contains(":")) {
                    continuation = l.endsWith("\\");
                    continue;
                }
                body.append(l);
            }
            base64 = body.toString();
        } else {
            String[] parts = text.split("\\s+", 3);
            if (parts.length < 2) {
                throw new FormatException("Key is not in valid OpenSSH public key format");
            }
            base64 = parts[1];
            comment = parts.length == 3 ? parts[2] : "";
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new FormatException("Key is not in valid OpenSSH public key format");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        String sshType = new String(readString(in), StandardCharsets.US_ASCII);
        String line = sshType + " " + base64 + (comment.isEmpty() ? "" : " " + comment);
        switch (sshType) {
            case "ssh-rsa": {
                BigInteger e = new BigInteger(readString(in));
                BigInteger n = new BigInteger(readString(in));
                if (n.bitLength() < 1024 || n.bitLength() > 16384) {
                    throw new FormatException(
                            "Invalid RSA key length " + n.bitLength() + "; supported lengths are 1024 to 16384 bits");
                }
                try {
                    RSAPublicKey key =
                            (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                    return new OpenSshPublicKey("rsa", blob, line, Fingerprints.importedRsa(key.getEncoded()));
                } catch (GeneralSecurityException ex) {
                    throw new FormatException("Key is not in valid OpenSSH public key format");
                }
            }
            case "ssh-ed25519": {
                byte[] raw = readString(in);
                if (raw.length != 32) {
                    throw new FormatException("Key is not in valid OpenSSH public key format");
                }
                return new OpenSshPublicKey("ed25519", blob, line, Fingerprints.ed25519(blob));
            }
            default:
                throw new FormatException("Key is not in valid OpenSSH public key format; EC2 imports "
                        + "only RSA and ED25519 keys, not " + sshType);
        }
    }

    private static byte[] readString(ByteBuffer in) throws FormatException {
        if (in.remaining() < 4) {
            throw new FormatException("Key is not in valid OpenSSH public key format");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new FormatException("Key is not in valid OpenSSH public key format");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** The OpenSSH blob of an RSA public key. */
    public static byte[] rsaBlob(RSAPublicKey key) {
        return blob(List.of(
                "ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                key.getPublicExponent().toByteArray(),
                key.getModulus().toByteArray()));
    }

    /** The OpenSSH blob of a raw 32-byte ED25519 public key. */
    public static byte[] ed25519Blob(byte[] raw) {
        return blob(List.of("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), raw));
    }

    private static byte[] blob(List<byte[]> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : new ArrayList<>(fields)) {
            out.write(field.length >>> 24);
            out.write(field.length >>> 16);
            out.write(field.length >>> 8);
            out.write(field.length);
            out.writeBytes(field);
        }
        return out.toByteArray();
    }
}
