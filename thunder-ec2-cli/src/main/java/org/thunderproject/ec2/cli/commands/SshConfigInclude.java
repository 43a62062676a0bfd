package org.thunderproject.ec2.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.Terminal;

/**
 * Adds {@code Include FILE} as the first line of the user's {@code ~/.ssh/config}, after asking,
 * and changes nothing else there: the rest of the file, its permissions, and a symbolic link to it
 * (dotfile managers) stay as they were. At the top, because OpenSSH applies the first value it reads.
 */
final class SshConfigInclude {

    private final Terminal terminal;
    private final Confirmation confirmation;

    SshConfigInclude(Terminal terminal, Confirmation confirmation) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
    }

    /** Adds the line unless it is there; returns the exit code. */
    int install(Path file) {
        Path userConfig = terminal.home().resolve(".ssh").resolve("config");
        String include = "Include " + (file.toString().matches("\\S+") ? file.toString() : "\"" + file + "\"");
        PrintWriter err = terminal.err();
        try {
            String existing = Files.exists(userConfig) ? Files.readString(userConfig, StandardCharsets.UTF_8) : "";
            if (existing.lines().anyMatch(line -> line.strip().equals(include))) {
                err.println(userConfig + " already includes " + file + ": 'ssh NAME' works.");
                err.flush();
                return ExitCodes.OK;
            }
            confirmation.requireAnswerable("change " + userConfig);
            err.println("This adds one line at the top of " + userConfig + " and changes nothing else there:");
            err.println("  " + include);
            if (!confirmation.confirm("Add it?")) {
                err.println("Aborted: " + userConfig + " was not touched.");
                err.flush();
                return ExitCodes.FAILURE;
            }
            write(userConfig, include + "\n" + existing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + userConfig, e);
        }
        err.println("Added. 'ssh NAME' and 'ssh NAME-slave-1' now reach thunder-ec2's clusters.");
        err.flush();
        return ExitCodes.OK;
    }

    private static void write(Path userConfig, String text) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path target = userConfig;
        Set<PosixFilePermission> permissions = ownerOnly;
        if (Files.exists(userConfig)) {
            target = userConfig.toRealPath(); // a link stays a link: its target gets the line
            permissions = Files.getPosixFilePermissions(target);
        } else {
            Files.createDirectories(
                    userConfig.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temp = Files.createTempFile(
                target.getParent(), ".config", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
