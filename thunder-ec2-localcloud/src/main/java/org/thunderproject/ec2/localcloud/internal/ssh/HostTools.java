package org.thunderproject.ec2.localcloud.internal.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host programs the runtime relies on, found once. {@code setsid} gives every session its own
 * session and process group as sshd does (so {@code kill 0} in a command never reaches the JVM);
 * {@code script} (util-linux) gives interactive sessions a real PTY; {@code stty} passes window
 * changes on.
 *
 * @param shell the shell that runs commands and logins ({@code /bin/bash}, else {@code /bin/sh})
 * @param setsid util-linux {@code setsid}, when present
 * @param script util-linux {@code script}, when present (no PTY without it)
 * @param stty {@code stty}, when present (no window changes without it)
 * @param kill {@code kill}, to deliver signals a client sends
 * @param mkfifo {@code mkfifo}, for output pipes that outlive the command (see {@link OutputFifo})
 */
record HostTools(
        Path shell,
        Optional<Path> setsid,
        Optional<Path> script,
        Optional<Path> stty,
        Optional<Path> kill,
        Optional<Path> mkfifo) {

    private static final List<String> BIN = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    /** Looks the tools up in the usual directories. */
    static HostTools find(Path shell) {
        return new HostTools(shell, which("setsid"), which("script"), which("stty"), which("kill"), which("mkfifo"));
    }

    private static Optional<Path> which(String name) {
        for (String dir : BIN) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
