package org.thunderproject.ec2.internal.nodes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.ShellOptions;

/**
 * The process's own terminal for an interactive login: when there is one ({@code /dev/tty} and
 * {@code stty}), its size and {@code TERM} go to the remote PTY and it is in raw mode, without
 * local echo, for the session (keys like Ctrl-C then reach the remote shell), restored afterwards
 * whatever happens. Without a terminal the streams are bridged as they are.
 */
public final class TerminalLogin {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalLogin.class);
    private static final File TTY = new File("/dev/tty");

    private TerminalLogin() {}

    /** Runs {@code login} with options for this terminal, the terminal in raw mode meanwhile. */
    public static int run(Function<ShellOptions, Integer> login) {
        ShellOptions options = ShellOptions.defaults();
        String term = System.getenv("TERM");
        if (term != null && !term.isBlank() && !term.equals("dumb")) {
            options = options.withTerm(term);
        }
        Optional<String> saved = System.console() != null && TTY.exists() ? stty("-g") : Optional.empty();
        if (saved.isEmpty()) {
            return login.apply(options);
        }
        Optional<String> size = stty("size");
        if (size.isPresent()) {
            String[] rowsCols = size.get().trim().split("\\s+");
            try {
                int rows = Integer.parseInt(rowsCols[0]);
                int cols = Integer.parseInt(rowsCols[1]);
                if (rows > 0 && cols > 0) {
                    options = options.withSize(cols, rows);
                }
            } catch (RuntimeException e) {
                LOG.debug("unexpected 'stty size' output: {}", size.get());
            }
        }
        stty("raw", "-echo");
        try {
            return login.apply(options);
        } finally {
            boolean interrupted = Thread.interrupted(); // the terminal is restored even then
            stty(saved.get().trim());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code stty args} on the terminal; its output, or empty when it failed. */
    private static Optional<String> stty(String... args) {
        Optional<Path> stty = which("stty");
        if (stty.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(stty.get().toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("stty {} failed: {}", args, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
