package org.thunderproject.ec2.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One remote command and how to run it: timeout, line callbacks for stdout and stderr, how much
 * output to keep in the result, optional stdin, optional PTY. Immutable.
 *
 * <pre>{@code
 * ExecResult r = session.exec(Exec.of("make -C /opt/build")
 *     .withTimeout(Duration.ofMinutes(5))
 *     .onStdoutLine(line -> log.info("{}", line)));
 * }</pre>
 *
 * <p>Commands go into the remote process list and logs: never put secrets in them; write secrets
 * with {@link SshSession#writeSecret} or pass them with {@link #withStdin(byte[])}.
 */
public final class Exec {
    /** The default number of bytes of each stream kept in the {@link ExecResult}: 1 MiB. */
    public static final int DEFAULT_OUTPUT_LIMIT = 1 << 20;

    private final String command;
    private final Duration timeout;
    private final Consumer<String> stdoutListener;
    private final Consumer<String> stderrListener;
    private final int outputLimit;
    private final byte[] stdin;
    private final boolean pty;

    private Exec(
            String command,
            Duration timeout,
            Consumer<String> stdoutListener,
            Consumer<String> stderrListener,
            int outputLimit,
            byte[] stdin,
            boolean pty) {
        this.command = command;
        this.timeout = timeout;
        this.stdoutListener = stdoutListener;
        this.stderrListener = stderrListener;
        this.outputLimit = outputLimit;
        this.stdin = stdin;
        this.pty = pty;
    }

    /** {@code command}, run by the login user's shell; no timeout, output kept up to 1 MiB. */
    public static Exec of(String command) {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("command must not be blank");
        }
        return new Exec(command, null, null, null, DEFAULT_OUTPUT_LIMIT, null, false);
    }

    /**
     * Gives up on the command when it runs longer: throws {@link SshTimeoutException} at once,
     * sends the command KILL and closes its channel. (A server that refuses signal requests, as
     * OpenSSH does for root logins, lets the process run on until it ends or writes to the closed
     * channel.)
     */
    public Exec withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new Exec(command, timeout, stdoutListener, stderrListener, outputLimit, stdin, pty);
    }

    /**
     * Calls {@code listener} with each line of stdout (UTF-8, without the line end) as it arrives,
     * on a reader thread. Lines longer than 64 KiB arrive in pieces. If it throws, the output is
     * still drained, and the command fails with that exception as the cause.
     */
    public Exec onStdoutLine(Consumer<String> listener) {
        return new Exec(
                command,
                timeout,
                Objects.requireNonNull(listener, "listener"),
                stderrListener,
                outputLimit,
                stdin,
                pty);
    }

    /** Like {@link #onStdoutLine}, for stderr (called concurrently with the stdout listener). */
    public Exec onStderrLine(Consumer<String> listener) {
        return new Exec(
                command,
                timeout,
                stdoutListener,
                Objects.requireNonNull(listener, "listener"),
                outputLimit,
                stdin,
                pty);
    }

    /**
     * Keeps at most {@code bytes} of each stream in the result (the start of it; the result says
     * whether it was cut); 0 keeps nothing, e.g. when listeners see everything.
     */
    public Exec withOutputLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        return new Exec(command, timeout, stdoutListener, stderrListener, bytes, stdin, pty);
    }

    /** Sends {@code input} to the command's stdin, then end-of-file. Without it stdin is empty. */
    public Exec withStdin(byte[] input) {
        return new Exec(
                command,
                timeout,
                stdoutListener,
                stderrListener,
                outputLimit,
                Objects.requireNonNull(input, "input").clone(),
                pty);
    }

    /** {@link #withStdin(byte[])} with the UTF-8 bytes of {@code input}. */
    public Exec withStdin(String input) {
        return withStdin(Objects.requireNonNull(input, "input").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command on a pseudo-terminal (for programs that insist on one, like {@code sudo}
     * with {@code requiretty}); stderr then arrives mixed into stdout.
     */
    public Exec withPty(boolean pty) {
        return new Exec(command, timeout, stdoutListener, stderrListener, outputLimit, stdin, pty);
    }

    /** The command line. */
    public String command() {
        return command;
    }

    /** The timeout, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The stdout line listener, if any. */
    public Optional<Consumer<String>> stdoutListener() {
        return Optional.ofNullable(stdoutListener);
    }

    /** The stderr line listener, if any. */
    public Optional<Consumer<String>> stderrListener() {
        return Optional.ofNullable(stderrListener);
    }

    /** The number of bytes of each stream kept in the result. */
    public int outputLimit() {
        return outputLimit;
    }

    /** A copy of the stdin bytes, if any. */
    public Optional<byte[]> stdin() {
        return Optional.ofNullable(stdin).map(byte[]::clone);
    }

    /** Whether it runs on a pseudo-terminal. */
    public boolean pty() {
        return pty;
    }

    /** The command (never stdin). */
    @Override
    public String toString() {
        return "Exec[" + command + (timeout == null ? "" : ", timeout " + timeout) + (pty ? ", pty" : "") + "]";
    }
}
