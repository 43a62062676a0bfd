package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.thunderproject.ec2.PreflightException;

/** Identity files: the permission check {@code ssh} makes, and reading PEM and OpenSSH private keys. */
public final class KeyFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private KeyFiles() {}

    /**
     * Checks that {@code file} is a readable regular file that neither group nor others may access,
     * as {@code ssh} requires (on file systems without POSIX permissions only existence is checked).
     *
     * @throws PreflightException saying what to do
     */
    public static void checkPermissions(Path file) {
        if (!Files.exists(file)) {
            throw new PreflightException(
                    "identity file " + file + " does not exist: give the private key file of the key pair");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PreflightException("identity file " + file + " is not a readable file");
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new PreflightException(
                    "cannot read the permissions of identity file " + file + ": " + e.getMessage());
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new PreflightException("identity file " + file + " is accessible by group or others (permissions "
                    + octal(permissions) + "); ssh refuses such keys. Run: chmod 600 " + file);
        }
    }

    /** The permissions as {@code ls -l}-style octal, such as {@code 0644}. */
    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("0%03o", mode);
    }

    /**
     * Reads the key in {@code file}: PEM PKCS#1 ({@code RSA PRIVATE KEY}), PEM PKCS#8
     * ({@code PRIVATE KEY}) or OpenSSH ({@code OPENSSH PRIVATE KEY}). For encrypted files only the
     * public key is read (from the OpenSSH header, or from {@code FILE.pub}).
     *
     * @throws PreflightException when the file holds no key this can read
     */
    public static KeyMaterial read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new PreflightException("cannot read identity file " + file + ": " + e.getMessage());
        }
        PemObject pem;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            pem = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw notAKey(file, e.getMessage());
        }
        if (pem == null) {
            throw notAKey(file, "no PEM block");
        }
        try {
            return switch (pem.getType()) {
                case "RSA PRIVATE KEY" -> isEncryptedPem(pem) ? publicOnly(file) : fromPkcs1(pem.getContent());
                case "PRIVATE KEY" ->
                    fromPrivate(PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(pem.getContent())));
                case "ENCRYPTED PRIVATE KEY" -> publicOnly(file);
                case "OPENSSH PRIVATE KEY" -> fromOpenSsh(file, pem.getContent());
                default -> throw notAKey(file, "unsupported PEM type '" + pem.getType() + "'");
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof PreflightException p) {
                throw p;
            }
            throw notAKey(file, e.getMessage());
        }
    }

    /** The key behind a PKCS#1 {@code RSAPrivateKey} structure. */
    static KeyMaterial fromPkcs1(byte[] der) {
        RSAPrivateKey k = RSAPrivateKey.getInstance(der);
        return fromPrivate(new RSAPrivateCrtKeyParameters(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrime1(),
                k.getPrime2(),
                k.getExponent1(),
                k.getExponent2(),
                k.getCoefficient()));
    }

    /** The key pair of a private key. */
    static KeyMaterial fromPrivate(AsymmetricKeyParameter key) {
        if (key instanceof RSAPrivateCrtKeyParameters rsa) {
            return new KeyMaterial(
                    new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()), Optional.of(rsa));
        }
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return new KeyMaterial(ed.generatePublicKey(), Optional.of(ed));
        }
        throw new IllegalArgumentException(
                "unsupported key type " + key.getClass().getSimpleName() + " (EC2 key pairs are RSA or ED25519)");
    }

    private static KeyMaterial fromOpenSsh(Path file, byte[] blob) {
        if (cipherName(blob).equals("none")) {
            return fromPrivate(OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob));
        }
        return new KeyMaterial(OpenSSHPublicKeyUtil.parsePublicKey(openSshPublicBlob(blob)), Optional.empty());
    }

    /** The cipher of an {@code openssh-key-v1} blob: {@code none} when not encrypted. */
    static String cipherName(byte[] blob) {
        ByteBuffer buffer = openSshBody(blob);
        return new String(readString(buffer), StandardCharsets.US_ASCII);
    }

    /** The (never encrypted) public key blob of an {@code openssh-key-v1} file. */
    static byte[] openSshPublicBlob(byte[] blob) {
        ByteBuffer buffer = openSshBody(blob);
        readString(buffer); // cipher
        readString(buffer); // kdf
        readString(buffer); // kdf options
        int keys = buffer.getInt();
        if (keys < 1) {
            throw new IllegalArgumentException("OpenSSH key file holds no key");
        }
        return readString(buffer);
    }

    private static ByteBuffer openSshBody(byte[] blob) {
        for (int i = 0; i < OPENSSH_MAGIC.length; i++) {
            if (blob.length <= i || blob[i] != OPENSSH_MAGIC[i]) {
                throw new IllegalArgumentException("not an openssh-key-v1 file");
            }
        }
        return ByteBuffer.wrap(blob, OPENSSH_MAGIC.length, blob.length - OPENSSH_MAGIC.length);
    }

    private static byte[] readString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("truncated OpenSSH key");
        }
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    private static boolean isEncryptedPem(PemObject pem) {
        for (Object header : pem.getHeaders()) {
            if (header instanceof PemHeader h
                    && "Proc-Type".equalsIgnoreCase(h.getName())
                    && h.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    /** An encrypted PEM file: the public key comes from {@code FILE.pub}, as OpenSSH writes it. */
    private static KeyMaterial publicOnly(Path file) {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        if (!Files.isRegularFile(pub)) {
            throw new PreflightException("identity file " + file + " is encrypted and " + pub
                    + " does not exist, so its key cannot be checked against the key pair; give an unencrypted key"
                    + " or put its public key (ssh-keygen -y -f " + file + ") in " + pub);
        }
        try {
            String[] parts =
                    Files.readString(pub, StandardCharsets.US_ASCII).trim().split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("expected 'TYPE BASE64 [comment]'");
            }
            return new KeyMaterial(
                    OpenSSHPublicKeyUtil.parsePublicKey(Base64.getDecoder().decode(parts[1])), Optional.empty());
        } catch (IOException | RuntimeException e) {
            throw new PreflightException("cannot read public key " + pub + ": " + e.getMessage());
        }
    }

    private static PreflightException notAKey(Path file, String why) {
        return new PreflightException("identity file " + file + " is not a private key thunder-ec2 can read (" + why
                + "); use the .pem file EC2 gave you, or an OpenSSH/PEM RSA or ED25519 private key");
    }
}
