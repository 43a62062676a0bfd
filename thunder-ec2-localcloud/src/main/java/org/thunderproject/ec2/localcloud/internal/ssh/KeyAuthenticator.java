package org.thunderproject.ec2.localcloud.internal.ssh;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits only the instance's login user with a key from its {@code authorized_keys} text, as
 * sshd does with {@code ~user/.ssh/authorized_keys}. An instance launched without a key pair admits
 * nobody.
 */
final class KeyAuthenticator implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);

    private final String instanceId;
    private final String user;
    private final List<PublicKey> keys;

    private KeyAuthenticator(String instanceId, String user, List<PublicKey> keys) {
        this.instanceId = instanceId;
        this.user = user;
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses {@code authorizedKeys} (OpenSSH {@code authorized_keys} lines; null admits nobody).
     *
     * @throws IllegalArgumentException when a line is not a public key
     */
    static KeyAuthenticator of(String instanceId, String user, String authorizedKeys) {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(user, "user");
        List<PublicKey> keys = new ArrayList<>();
        if (authorizedKeys != null) {
            for (String line : authorizedKeys.split("\\R")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(trimmed);
                    keys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
                } catch (Exception e) {
                    throw new IllegalArgumentException(
                            "instance " + instanceId + ": the authorized key is not an OpenSSH public key line ("
                                    + e.getMessage() + ")",
                            e);
                }
            }
        }
        return new KeyAuthenticator(instanceId, user, keys);
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!user.equals(username)) {
            LOG.debug("{}: rejected user {} (only {} may log in)", instanceId, username, user);
            return false;
        }
        for (PublicKey allowed : keys) {
            if (KeyUtils.compareKeys(allowed, key)) {
                return true;
            }
        }
        LOG.debug(
                "{}: rejected {} key {} for {}",
                instanceId,
                KeyUtils.getKeyType(key),
                KeyUtils.getFingerPrint(key),
                username);
        return false;
    }
}
