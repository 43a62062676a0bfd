package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.function.Supplier;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.thunderproject.ec2.ssh.SshIdentityException;

/**
 * Decodes private keys (PEM: PKCS#1, PKCS#8, SEC1, encrypted or not; OpenSSH's own format, with
 * or without passphrase; PuTTY) into key pairs. Error messages name the source, never the key.
 */
public final class KeyLoader {
    private KeyLoader() {}

    /**
     * Decodes {@code keyText}.
     *
     * @param source what to call the key in errors, e.g. "key file /home/me/k.pem"
     * @param passphrase called at most once, only when the key is encrypted; may return null; the
     *     returned array is wiped after use
     */
    public static KeyPair load(String keyText, String source, Supplier<char[]> passphrase) {
        String subject = Character.toUpperCase(source.charAt(0)) + source.substring(1);
        KeyFormat format;
        try {
            format = KeyProviderUtil.detectKeyFileFormat(keyText, false);
        } catch (IOException e) {
            throw new SshIdentityException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        if (format == KeyFormat.Unknown) {
            throw new SshIdentityException(
                    subject + " is not a private key in a known format (PEM or OpenSSH; e.g. a .pem file"
                            + " from EC2 or a key made by ssh-keygen)",
                    null);
        }
        FileKeyProvider provider =
                Factory.Named.Util.create(new DefaultConfig().getFileKeyProviderFactories(), format.toString());
        if (provider == null) {
            throw new SshIdentityException(subject + " has an unsupported key format " + format, null);
        }
        OnceFinder finder = new OnceFinder(passphrase);
        try {
            provider.init(keyText, null, finder);
            PrivateKey privateKey = provider.getPrivate();
            PublicKey publicKey = provider.getPublic();
            if (privateKey == null || publicKey == null) {
                throw new IOException("no key found");
            }
            if (KeyType.fromKey(publicKey) == KeyType.UNKNOWN) {
                throw new SshIdentityException(
                        subject + " holds an unsupported key type " + publicKey.getAlgorithm(), null);
            }
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SshIdentityException) {
                throw (SshIdentityException) e;
            }
            if (finder.asked && !finder.given) {
                throw new SshIdentityException(subject + " is protected by a passphrase, and none was given", null);
            }
            if (finder.asked) {
                throw new SshIdentityException(subject + " could not be decrypted: is the passphrase right?", null);
            }
            throw new SshIdentityException(
                    "Cannot decode " + source + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                    null);
        } finally {
            finder.wipe();
        }
    }

    /** Hands sshj the passphrase once, remembers whether it was needed, and wipes it. */
    private static final class OnceFinder implements PasswordFinder {
        private final Supplier<char[]> supplier;
        private char[] passphrase;
        boolean asked;
        boolean given;

        OnceFinder(Supplier<char[]> supplier) {
            this.supplier = supplier;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            if (!asked) {
                asked = true;
                passphrase = supplier == null ? null : supplier.get();
                given = passphrase != null && passphrase.length > 0;
            }
            // sshj may wipe what it is given, so it gets a copy.
            return passphrase == null ? null : passphrase.clone();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }

        void wipe() {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }
}
