package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.server.Environment;

/**
 * Window sizes for PTY sessions run under util-linux {@code script}, which cannot be told a size
 * itself: the first size is set with {@code stty} before the shell starts; later window changes are
 * applied with {@code stty -F /dev/pts/N} on the terminal of script's child, which makes the kernel
 * send SIGWINCH to the foreground job as a real terminal resize does. Best effort.
 */
final class PtyWindow {

    private PtyWindow() {}

    /** {@code stty rows R cols C 2>/dev/null}, or empty when the client gave no size. */
    static String sttySize(Environment env) {
        int cols = number(env.getEnv(), Environment.ENV_COLUMNS);
        int rows = number(env.getEnv(), Environment.ENV_LINES);
        if (cols <= 0 || rows <= 0) {
            return "";
        }
        return "stty rows " + rows + " cols " + cols + " 2>/dev/null";
    }

    /** Applies the size now in {@code env} to the terminal of {@code scriptProcess}'s shell. */
    static void resize(HostTools tools, Process scriptProcess, Environment env) {
        int cols = number(env.getEnv(), Environment.ENV_COLUMNS);
        int rows = number(env.getEnv(), Environment.ENV_LINES);
        if (cols <= 0 || rows <= 0 || tools.stty().isEmpty()) {
            return;
        }
        Optional<Path> terminal = scriptProcess
                .toHandle()
                .children()
                .map(child -> terminalOf(child.pid()))
                .flatMap(Optional::stream)
                .findFirst();
        terminal.ifPresent(tty -> NodeCommand.runQuietly(List.of(
                tools.stty().get().toString(),
                "-F",
                tty.toString(),
                "rows",
                Integer.toString(rows),
                "cols",
                Integer.toString(cols))));
    }

    private static Optional<Path> terminalOf(long pid) {
        for (int fd = 0; fd <= 2; fd++) {
            try {
                Path target = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd)));
                if (target.toString().startsWith("/dev/pts/")) {
                    return Optional.of(target);
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not readable or not a link: try the next descriptor
            }
        }
        return Optional.empty();
    }

    private static int number(Map<String, String> env, String name) {
        try {
            return Integer.parseInt(env.getOrDefault(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
