package org.thunderproject.ec2.ssh.internal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.thunderproject.ec2.ssh.HostKeyFingerprint;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * sshj's host-key hook for one connection: checks the key against the store by host id (never by
 * the address sshj passes in) and keeps the reason for a refusal, which sshj itself reduces to a
 * generic transport error.
 */
final class HostKeyCheck implements HostKeyVerifier {
    private final SshTarget target;
    private final KnownHostsFile store;
    private volatile SshException rejection;
    private volatile PublicKey accepted;

    HostKeyCheck(SshTarget target, KnownHostsFile store) {
        this.target = target;
        this.store = store;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        try {
            store.verify(target, key);
            accepted = key;
            return true;
        } catch (SshException e) {
            rejection = e;
            return false;
        }
    }

    /** Asks for the recorded (else the expected) key types first, so the server shows that key. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (KnownHostsFile.Entry e : store.entries(target.hostId())) {
            algorithms.addAll(KeyCodec.hostKeyAlgorithms(KeyCodec.keyType(e.key())));
        }
        if (algorithms.isEmpty()) {
            for (HostKeyFingerprint f : target.expectedHostKeys().fingerprints()) {
                f.keyType().ifPresent(label -> algorithms.addAll(KeyCodec.hostKeyAlgorithmsForLabel(label)));
            }
        }
        return new ArrayList<>(algorithms);
    }

    /** Why the key was refused, if it was. */
    SshException rejection() {
        return rejection;
    }

    /** The key that was verified, once it was. */
    PublicKey accepted() {
        return accepted;
    }
}
