package org.thunderproject.ec2.internal.nodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.KnownHosts;

/** Forgets the recorded host keys of terminated instances (their ids never come back). */
public final class KnownHostsCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsCleanup.class);

    private KnownHostsCleanup() {}

    /** Removes the records of {@code instanceIds} from the store in {@code homeDirectory}; failures are logged only. */
    public static void forget(Path homeDirectory, Collection<String> instanceIds) {
        KnownHosts store = KnownHosts.in(homeDirectory);
        if (instanceIds.isEmpty() || !Files.exists(store.file())) {
            return; // nothing recorded: leave the directory alone (endpoints without SSH)
        }
        try {
            store.forget(instanceIds); // one rewrite for all of them
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot forget the host keys of {} node(s) in {}: {}",
                    instanceIds.size(),
                    store.file(),
                    e.toString());
        }
    }
}
