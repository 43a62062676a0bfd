package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login user's {@code ~/.ssh/authorized_keys} on a node, read afresh at every authentication
 * as sshd does: the first line whose key matches decides, with its {@link LoginOptions}. Lines that
 * cannot be read, or carry options this server cannot honour, are skipped (sshd logs and skips
 * them too). As with sshd's {@code StrictModes yes}, a file or {@code ~/.ssh} that group or others
 * may write admits nobody.
 */
final class AuthorizedKeysFile {
    /** The file's place in the login user's home. */
    static final String RELATIVE_PATH = ".ssh/authorized_keys";

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeysFile.class);
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final String instanceId;
    private final Path file;

    private AuthorizedKeysFile(String instanceId, Path file) {
        this.instanceId = instanceId;
        this.file = file;
    }

    /** The file of the user whose home is {@code home}. */
    static AuthorizedKeysFile in(String instanceId, Path home) {
        return new AuthorizedKeysFile(Objects.requireNonNull(instanceId, "instanceId"), home.resolve(RELATIVE_PATH));
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** The options of the first line that authorizes {@code key}; empty when none does (or the file is unsafe). */
    Optional<LoginOptions> find(PublicKey key) {
        List<String> lines;
        try {
            if (!safe()) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("{}: cannot read {}: {}", instanceId, file, e.toString());
            return Optional.empty();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            AuthorizedKeyEntry entry;
            PublicKey allowed;
            try {
                entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
                allowed = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            } catch (Exception e) {
                LOG.debug("{}: {} line {} is not a key: {}", instanceId, file, i + 1, e.toString());
                continue;
            }
            if (allowed == null || !KeyUtils.compareKeys(allowed, key)) {
                continue;
            }
            Optional<LoginOptions> options = LoginOptions.of(entry.getLoginOptions());
            if (options.isEmpty()) {
                LOG.warn(
                        "{}: {} line {}: options the local cloud cannot honour; line not used",
                        instanceId,
                        file,
                        i + 1);
                continue;
            }
            return options;
        }
        return Optional.empty();
    }

    private boolean safe() throws IOException {
        for (Path p : List.of(file.getParent(), file)) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(p);
            } catch (UnsupportedOperationException e) {
                return true; // no POSIX permissions to check
            }
            if (permissions.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
                LOG.warn("{}: Authentication refused: bad ownership or modes for {}", instanceId, p);
                return false;
            }
        }
        return true;
    }
}
