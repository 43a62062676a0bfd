package org.thunderproject.ec2.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The plain OpenSSH {@code ssh} command line that reaches a target the way this library does:
 * same key, same port, and the host key checked against the same store by host id
 * ({@code -o UserKnownHostsFile=… -o HostKeyAlias=… -o StrictHostKeyChecking=yes}), plus
 * {@code -L} forwards. {@link #toString()} gives it quoted for a POSIX shell, to print for the
 * user to paste; {@link #arguments()} gives it for {@link ProcessBuilder}.
 */
public final class SshCommandLine {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private final List<String> arguments;

    private SshCommandLine(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    /**
     * The command line for {@code target}.
     *
     * @param identityFile the private key file; null to leave the key to ssh's defaults/agent
     * @param knownHostsFile the store the host key was recorded in (see {@link KnownHosts#file()})
     * @param forwards local forwards to add as {@code -L}
     */
    public static SshCommandLine of(
            SshTarget target, Path identityFile, Path knownHostsFile, List<LocalForward> forwards) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(forwards, "forwards");
        List<String> args = new ArrayList<>();
        args.add("ssh");
        if (identityFile != null) {
            args.add("-i");
            args.add(identityFile.toString());
            args.add("-o");
            args.add("IdentitiesOnly=yes");
        }
        if (target.port() != 22) {
            args.add("-p");
            args.add(Integer.toString(target.port()));
        }
        args.add("-o");
        args.add("UserKnownHostsFile="
                + configValue(knownHostsFile.toAbsolutePath().toString()));
        args.add("-o");
        args.add("HostKeyAlias=" + target.hostId());
        args.add("-o");
        args.add("StrictHostKeyChecking=yes");
        for (LocalForward f : forwards) {
            args.add("-L");
            args.add(f.toString());
        }
        args.add(target.user() + "@" + target.host());
        return new SshCommandLine(args);
    }

    /** The same, running {@code command} instead of a login shell. */
    public SshCommandLine withCommand(String command) {
        Objects.requireNonNull(command, "command");
        List<String> args = new ArrayList<>(arguments);
        args.add(command);
        return new SshCommandLine(args);
    }

    /** The arguments, starting with {@code ssh}. */
    public List<String> arguments() {
        return arguments;
    }

    /** The command line quoted for a POSIX shell. */
    @Override
    public String toString() {
        return arguments.stream().map(SshCommandLine::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    // ssh splits some option values on spaces; double quotes keep a path whole.
    private static String configValue(String value) {
        return value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }
}
