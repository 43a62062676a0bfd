package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's live SSH sessions as files, one per session named by its process id, in the
 * directory {@value #VARIABLE} names: what {@code sshd: USER@…} processes are on a real node, for
 * the autostop agent to count. A file whose process is gone (a node killed mid-session) is stale;
 * the agent counts only files whose process still runs.
 */
final class SessionMarkers {
    /** The variable that names the node's session directory. */
    static final String VARIABLE = "THUNDER_LOCALCLOUD_SESSIONS";

    private static final Logger LOG = LoggerFactory.getLogger(SessionMarkers.class);

    private SessionMarkers() {}

    /** The session directory of a node whose power commands are in {@code sbin}. */
    static Path directory(Path sbin) {
        return sbin.resolveSibling("ssh-sessions");
    }

    /** A session with process {@code pid} began. */
    static void began(Map<String, String> environment, long pid) {
        Path dir = Path.of(environment.get(VARIABLE));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(Long.toString(pid)), "");
        } catch (IOException e) {
            LOG.warn("could not mark SSH session {} in {}: {}", pid, dir, e.toString());
        }
    }

    /** The session with process {@code pid} ended. */
    static void ended(Map<String, String> environment, long pid) {
        Path dir = Path.of(environment.get(VARIABLE));
        try {
            Files.deleteIfExists(dir.resolve(Long.toString(pid)));
        } catch (IOException e) {
            LOG.warn("could not unmark SSH session {} in {}: {}", pid, dir, e.toString());
        }
    }
}
