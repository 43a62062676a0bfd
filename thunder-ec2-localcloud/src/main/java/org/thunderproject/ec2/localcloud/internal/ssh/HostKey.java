package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.Objects;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * An instance's SSH host key: ECDSA P-256 (what the JDK and MINA support without extra
 * libraries), generated on first boot and kept in the instance's {@code etc/ssh} like a real host,
 * so it stays the same across stop/start. The private key file is 0600 and never logged.
 */
final class HostKey {

    static final String PRIVATE_KEY_FILE = "etc/ssh/ssh_host_ecdsa_key";
    static final String PUBLIC_KEY_FILE = PRIVATE_KEY_FILE + ".pub";

    private final KeyPair keyPair;
    private final String comment;
    private final boolean generated;

    private HostKey(KeyPair keyPair, String comment, boolean generated) {
        this.keyPair = keyPair;
        this.comment = comment;
        this.generated = generated;
    }

    /**
     * Loads the key from {@code directory/etc/ssh}, or generates and stores it there.
     *
     * @param comment the key comment, {@code root@HOSTNAME} as cloud-init writes it
     */
    static HostKey loadOrCreate(Path directory, String comment) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(comment, "comment");
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        try {
            if (Files.isRegularFile(privateFile)) {
                return new HostKey(load(privateFile), comment, false);
            }
            KeyPair keyPair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            store(keyPair, comment, privateFile, directory.resolve(PUBLIC_KEY_FILE));
            return new HostKey(keyPair, comment, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the host key in " + privateFile.getParent(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the host key in " + privateFile.getParent(), e);
        }
    }

    private static KeyPair load(Path privateFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(privateFile)) {
            Iterable<KeyPair> pairs =
                    SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(privateFile.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key in " + privateFile);
            }
            return it.next();
        }
    }

    private static void store(KeyPair keyPair, String comment, Path privateFile, Path publicFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(privateFile.getParent());
        // Written to a 0600 temp file first and moved, so a crash never leaves a readable or half key.
        Path temp = Files.createTempFile(
                privateFile.getParent(),
                ".hostkey",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, null, out);
            }
            Files.move(temp, privateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        Files.writeString(publicFile, publicKeyLine(keyPair.getPublic(), comment) + "\n", StandardCharsets.US_ASCII);
    }

    private static String publicKeyLine(PublicKey key, String comment) {
        return PublicKeyEntry.toString(key) + " " + comment;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** {@code root@HOST}. */
    String comment() {
        return comment;
    }

    /** True when this boot generated the key (cloud-init says so on the console). */
    boolean generated() {
        return generated;
    }

    /** {@code ecdsa-sha2-nistp256 AAAA… root@HOST}, as in the {@code .pub} file. */
    String publicKeyLine() {
        return publicKeyLine(keyPair.getPublic(), comment);
    }

    /** {@code SHA256:…} without padding, as {@code ssh-keygen -l} prints it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(keyPair.getPublic());
    }

    /** {@code 256 SHA256:… root@HOST (ECDSA)}, the line cloud-init prints for this key. */
    String fingerprintLine() {
        PublicKey key = keyPair.getPublic();
        return KeyUtils.getKeySize(key) + " " + fingerprint() + " " + comment + " (" + typeLabel(key) + ")";
    }

    private static String typeLabel(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        if (type.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (KeyPairProvider.SSH_ED25519.equals(type)) {
            return "ED25519";
        }
        if (KeyPairProvider.SSH_RSA.equals(type)) {
            return "RSA";
        }
        return type.toUpperCase(java.util.Locale.ROOT);
    }
}
