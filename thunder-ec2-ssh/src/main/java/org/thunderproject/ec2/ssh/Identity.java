package org.thunderproject.ec2.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.thunderproject.ec2.ssh.internal.KeyCodec;
import org.thunderproject.ec2.ssh.internal.KeyLoader;

/**
 * The key pair SSH logs in with. Read from a file (RSA PEM as EC2 hands out, OpenSSH RSA, ed25519
 * or ECDSA, with or without a passphrase) or held in memory. The key is decoded when the identity
 * is made, so a bad file or passphrase fails here, once, with a clear {@link SshIdentityException},
 * and not on every connection. Neither the key nor the passphrase is ever logged or put in an
 * exception; {@link #toString()} shows the fingerprint only.
 */
public final class Identity {
    private final KeyPair keyPair;
    private final Path file;

    private Identity(KeyPair keyPair, Path file) {
        this.keyPair = keyPair;
        this.file = file;
    }

    /** A key file without a passphrase. */
    public static Identity fromFile(Path file) {
        return fromFile(file, (Supplier<char[]>) null);
    }

    /**
     * A key file protected by {@code passphrase}; the array is copied, and the copy wiped after use
     * (the caller may wipe its own array once this returns).
     */
    public static Identity fromFile(Path file, char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        char[] copy = passphrase.clone();
        return fromFile(file, () -> copy);
    }

    /**
     * A key file whose passphrase, if it has one, comes from {@code passphrase} (asked at most once,
     * only when the key is encrypted, e.g. a console prompt); the returned array is wiped after use.
     */
    public static Identity fromFile(Path file, Supplier<char[]> passphrase) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SshIdentityException("Key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SshIdentityException("Cannot read key file " + file + ": " + e.getMessage(), e);
        }
        return new Identity(KeyLoader.load(text, "key file " + file, passphrase), file);
    }

    /** A private key held in memory, in PEM or OpenSSH format, without a passphrase. */
    public static Identity fromPrivateKey(String privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new Identity(KeyLoader.load(privateKey, "the private key given in memory", null), null);
    }

    /** A private key held in memory, protected by {@code passphrase} (copied; the copy is wiped). */
    public static Identity fromPrivateKey(String privateKey, char[] passphrase) {
        Objects.requireNonNull(privateKey, "privateKey");
        char[] copy = Objects.requireNonNull(passphrase, "passphrase").clone();
        return new Identity(KeyLoader.load(privateKey, "the private key given in memory", () -> copy), null);
    }

    /** A key pair already in memory (RSA, EC or Ed25519). */
    public static Identity fromKeyPair(KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        try {
            KeyCodec.keyType(keyPair.getPublic());
        } catch (IllegalArgumentException e) {
            throw new SshIdentityException("Unsupported key pair: " + e.getMessage(), e);
        }
        return new Identity(keyPair, null);
    }

    /** The file the key was read from; empty for keys held in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The public key. */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The SSH key type, e.g. {@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256}. */
    public String keyType() {
        return KeyCodec.keyType(keyPair.getPublic());
    }

    /** The public key as one {@code authorized_keys} line ({@code type base64}). */
    public String authorizedKey() {
        return KeyCodec.openSshLine(keyPair.getPublic());
    }

    /** The public key's {@code SHA256:…} fingerprint, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        return KeyCodec.fingerprint(keyPair.getPublic());
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** Type, fingerprint and file; never the key. */
    @Override
    public String toString() {
        return "Identity[" + keyType() + " " + fingerprint() + (file == null ? ", in memory" : ", " + file) + "]";
    }
}
