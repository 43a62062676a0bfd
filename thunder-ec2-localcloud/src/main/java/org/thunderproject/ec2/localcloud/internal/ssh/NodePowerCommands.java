package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The node's own {@code shutdown}, {@code poweroff}, {@code halt}, {@code reboot}, {@code sudo}
 * and {@code systemctl}: a local-cloud node is a process of the host (often root), so these must
 * come first on its PATH and change only its own instance, never the host. They are written into
 * the instance's {@code sbin} directory at every boot (so an edit on the node does not outlive a
 * restart) and hand their request to {@link PowerRequests}.
 */
final class NodePowerCommands {

    /** The commands, all one script that acts by the name it was called by. */
    static final List<String> NAMES = List.of("shutdown", "poweroff", "halt", "reboot", "sudo", "systemctl");
    /** The variable that names the node's own {@code shutdown} (for an agent that checks it first). */
    static final String SHUTDOWN_VARIABLE = "THUNDER_LOCALCLOUD_SHUTDOWN";

    private static final String TEMPLATE = load();

    private NodePowerCommands() {}

    /** Writes the commands into {@code sbin}; returns it. */
    static Path write(Path sbin, Path requests, String instanceId) throws IOException {
        Files.createDirectories(sbin);
        String script = TEMPLATE.replace("@SBIN@", NodeCommand.quote(sbin.toString()))
                .replace("@REQUESTS@", NodeCommand.quote(requests.toString()))
                .replace("@INSTANCE@", NodeCommand.quote(instanceId));
        for (String name : NAMES) {
            Path file = sbin.resolve(name);
            Path temp = sbin.resolve("." + name + ".new");
            Files.writeString(temp, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Replaced, not rewritten: a link planted on the node is swapped out, never followed.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return sbin;
    }

    private static String load() {
        try (InputStream in = NodePowerCommands.class.getResourceAsStream("node-power.sh")) {
            if (in == null) {
                throw new IllegalStateException("node-power.sh is missing from the local cloud's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
