package org.thunderproject.ec2.cli.commands;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the user's terminal ({@code /dev/tty}) safe during {@code login}: {@link
 * org.thunderproject.ec2.Cluster#login()} puts it in raw mode for the session and restores it
 * when the session ends, but a kill (SIGTERM, SIGHUP) ends the JVM without running that code.
 * This saves the mode first ({@code stty -g}) and restores it from a shutdown hook, and once more
 * on {@link #close()} (harmless when already restored). Java cannot set terminal modes itself, so
 * this runs {@code stty} with {@code /dev/tty} as its input.
 */
public final class LocalTty implements AutoCloseable {

    private static final File DEV_TTY = new File("/dev/tty");
    private static final long STTY_TIMEOUT_SECONDS = 10;

    private final String savedMode;
    private final Thread restoreHook;
    private boolean restored;

    private LocalTty(String savedMode) {
        this.savedMode = savedMode;
        this.restoreHook = new Thread(this::restore, "thunder-ec2-tty-restore");
        Runtime.getRuntime().addShutdownHook(restoreHook);
    }

    /** Saves the terminal's mode, restored on close or when the JVM is killed; empty without a terminal. */
    static Optional<LocalTty> guard() {
        return stty("-g").map(String::trim).filter(mode -> !mode.isEmpty()).map(LocalTty::new);
    }

    /** Restores the saved mode; idempotent. */
    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook restores (or has restored) the mode.
        }
    }

    private synchronized void restore() {
        if (!restored) {
            restored = true;
            stty(savedMode);
        }
    }

    /** Runs {@code stty ARGS < /dev/tty}; its output, or empty when it fails or there is no tty. */
    private static Optional<String> stty(String... args) {
        if (!DEV_TTY.exists()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_TTY))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0
                    ? Optional.of(new String(output, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            // No controlling terminal (opening /dev/tty fails) or no stty: nothing to guard.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
