package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * What cloud-init's SSH module does on an instance's first boot: the key pair's public key goes
 * into the login user's {@code ~/.ssh/authorized_keys} (the file created 0600 in a 0700
 * {@code ~/.ssh}, or the key appended to a file that is there). Once per instance, as cloud-init's
 * {@code config_ssh} semaphore makes it: on later boots the file is the user's, with whatever
 * they (or thunder-ec2) made of it.
 */
final class CloudInitSshKeys {
    /** cloud-init's per-instance semaphore, under the instance's own {@code /}. */
    static final String SEMAPHORE = "var/lib/cloud/instance/sem/config_ssh";

    private CloudInitSshKeys() {}

    /**
     * Seeds {@code home}'s authorized keys with {@code authorizedKey} (null: launched without a key
     * pair) unless this instance (its {@code /} is {@code directory}) did so on an earlier boot.
     *
     * @throws IllegalArgumentException when {@code authorizedKey} is not an OpenSSH public key line
     */
    static void seed(Path directory, Path home, String authorizedKey) throws IOException {
        Path semaphore = directory.resolve(SEMAPHORE);
        if (Files.exists(semaphore)) {
            return;
        }
        if (authorizedKey != null) {
            String line = checked(authorizedKey.strip());
            Path ssh = home.resolve(".ssh");
            if (!Files.isDirectory(ssh)) {
                Files.createDirectories(
                        ssh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path file = home.resolve(AuthorizedKeysFile.RELATIVE_PATH);
            if (!Files.exists(file)) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.lines().map(String::strip).toList().contains(line)) {
                String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                Files.writeString(file, separator + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
        Files.createDirectories(semaphore.getParent());
        Files.writeString(semaphore, "", StandardCharsets.UTF_8);
    }

    private static String checked(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            if (entry == null || entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING) == null) {
                throw new IllegalArgumentException("empty");
            }
            return line;
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "the authorized key is not an OpenSSH public key line (" + e.getMessage() + ")", e);
        }
    }
}
