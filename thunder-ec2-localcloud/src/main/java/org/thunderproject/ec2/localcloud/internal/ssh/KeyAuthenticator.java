package org.thunderproject.ec2.localcloud.internal.ssh;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits only the instance's login user, with a key its {@code ~/.ssh/authorized_keys} lists at
 * the moment of the attempt (as sshd reads the file at every authentication), and records that
 * line's {@link LoginOptions} on the session for the channels it opens. An instance whose file
 * lists no key (launched without a key pair) admits nobody.
 */
final class KeyAuthenticator implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);

    private final String instanceId;
    private final String user;
    private final AuthorizedKeysFile keys;

    KeyAuthenticator(String instanceId, String user, AuthorizedKeysFile keys) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.user = Objects.requireNonNull(user, "user");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        // MINA asks right before it checks a signature, so the last answer is the one for the key that logs in.
        session.removeAttribute(LoginOptions.ATTRIBUTE);
        if (!user.equals(username)) {
            LOG.debug("{}: rejected user {} (only {} may log in)", instanceId, username, user);
            return false;
        }
        Optional<LoginOptions> options = keys.find(key);
        if (options.isPresent()) {
            session.setAttribute(LoginOptions.ATTRIBUTE, options.get());
            return true;
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
