package org.thunderproject.ec2.ssh.internal;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ssh.SshHostKeyException;
import org.thunderproject.ec2.ssh.SshTarget;

/** The refusals of a host key, each saying what differs and how to reset it. */
final class HostKeyRefusals {
    private HostKeyRefusals() {}

    /** Throws unless {@code presented} matches the target's expected fingerprints (or none are expected). */
    static void checkExpected(SshTarget target, PublicKey presented, Path path) {
        if (target.expectedHostKeys().isEmpty() || target.expectedHostKeys().matches(presented)) {
            return;
        }
        String fp = KeyCodec.fingerprint(presented);
        List<String> expected = target.expectedHostKeys().fingerprints().stream()
                .map(Object::toString)
                .collect(Collectors.toList());
        throw new SshHostKeyException(
                target,
                "Host key of " + target + " does not match the fingerprints it was"
                        + " expected to have: it presents " + KeyCodec.keyType(presented) + " " + fp
                        + ", expected one of "
                        + String.join(", ", expected)
                        + " (e.g. from the instance's console output). Refusing to connect: someone"
                        + " may be intercepting the connection, or the expected fingerprints are stale (fetch the console output"
                        + " again).",
                fp,
                expected,
                path);
    }

    /** The key differs from every key recorded for the host id. */
    static SshHostKeyException changed(
            SshTarget target, PublicKey presented, List<KnownHostsFile.Entry> recorded, Path path) {
        String fp = KeyCodec.fingerprint(presented);
        String was = recorded.stream()
                .map(e -> (e.line() > 0 ? "line " + e.line() : "a key pinned in this batch") + ": "
                        + KeyCodec.keyType(e.key()) + " " + KeyCodec.fingerprint(e.key()))
                .collect(Collectors.joining("; "));
        String pinHint = "";
        if (!target.expectedHostKeys().isEmpty()) {
            pinHint = target.expectedHostKeys().matches(presented)
                    ? " The new key does match the fingerprints the host printed at boot."
                    : " The new key does not match the fingerprints the host printed at boot either.";
        }
        return new SshHostKeyException(
                target,
                "Host key of " + target.hostId() + " (" + target + ") has changed: "
                        + path + " records " + was + ", but the host now presents " + KeyCodec.keyType(presented) + " "
                        + fp
                        + ". Refusing to connect: this happens when the host was rebuilt with new keys, but can also mean someone"
                        + " is intercepting the connection." + pinHint
                        + " If the change is expected, remove the old key with"
                        + " KnownHosts.forget(\"" + target.hostId() + "\") or `ssh-keygen -R '" + target.hostId()
                        + "' -f '" + path
                        + "'`, then connect again.",
                fp,
                KnownHostsFile.fingerprints(recorded),
                path);
    }

    /** The host's record cannot be read: no key is trusted for it until the line is fixed. */
    static SshHostKeyException unreadable(SshTarget target, PublicKey presented, String line, Path path) {
        String fp = KeyCodec.fingerprint(presented);
        return new SshHostKeyException(
                target,
                "Host key of " + target.hostId() + " (" + target + ") cannot be checked: "
                        + line + ", and that line is for " + target.hostId()
                        + ". Refusing to trust the key it presents ("
                        + KeyCodec.keyType(presented) + " " + fp
                        + ") instead: fix that line, or remove it with `ssh-keygen -R '"
                        + target.hostId() + "' -f '" + path + "'` (KnownHosts.forget(\"" + target.hostId()
                        + "\")), then connect"
                        + " again.",
                fp,
                List.of(),
                path);
    }
}
