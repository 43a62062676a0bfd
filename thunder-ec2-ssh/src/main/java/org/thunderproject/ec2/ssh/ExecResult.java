package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.thunderproject.ec2.ssh.internal.Signals;

/** How a remote command ended: exit status or signal, the output kept, how long it took. */
public final class ExecResult {
    private final SshTarget target;
    private final String command;
    private final Integer exitStatus;
    private final String exitSignal;
    private final String stdout;
    private final boolean stdoutTruncated;
    private final String stderr;
    private final boolean stderrTruncated;
    private final Duration duration;

    private ExecResult(
            SshTarget target,
            String command,
            Integer exitStatus,
            String exitSignal,
            String stdout,
            boolean stdoutTruncated,
            String stderr,
            boolean stderrTruncated,
            Duration duration) {
        this.target = target;
        this.command = command;
        this.exitStatus = exitStatus;
        this.exitSignal = exitSignal;
        this.stdout = stdout;
        this.stdoutTruncated = stdoutTruncated;
        this.stderr = stderr;
        this.stderrTruncated = stderrTruncated;
        this.duration = duration;
    }

    /**
     * A result (for implementations and tests).
     *
     * @param exitStatus the exit status, or null when none was reported (e.g. killed by a signal)
     * @param exitSignal the signal name without {@code SIG} (e.g. {@code KILL}), or null
     */
    public static ExecResult of(
            SshTarget target,
            String command,
            Integer exitStatus,
            String exitSignal,
            String stdout,
            boolean stdoutTruncated,
            String stderr,
            boolean stderrTruncated,
            Duration duration) {
        return new ExecResult(
                Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(command, "command"),
                exitStatus,
                exitSignal,
                Objects.requireNonNull(stdout, "stdout"),
                stdoutTruncated,
                Objects.requireNonNull(stderr, "stderr"),
                stderrTruncated,
                Objects.requireNonNull(duration, "duration"));
    }

    /** The host it ran on. */
    public SshTarget target() {
        return target;
    }

    /** The command line. */
    public String command() {
        return command;
    }

    /** The exit status; empty when the command was killed by a signal or none was reported. */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** The signal that killed the command, without {@code SIG} (e.g. {@code KILL}), if it was. */
    public Optional<String> exitSignal() {
        return Optional.ofNullable(exitSignal);
    }

    /**
     * One number, as a shell reports it: the exit status, else 128 + the signal's number, else -1
     * when the server reported neither.
     */
    public int exitCode() {
        if (exitStatus != null) {
            return exitStatus;
        }
        return exitSignal == null ? -1 : 128 + Signals.number(exitSignal);
    }

    /** Whether it exited with status 0. */
    public boolean isSuccess() {
        return exitStatus != null && exitStatus == 0;
    }

    /** Stdout as UTF-8 text, up to the output limit. */
    public String stdout() {
        return stdout;
    }

    /** Whether stdout was longer than the output limit and was cut. */
    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    /** Stderr as UTF-8 text, up to the output limit. */
    public String stderr() {
        return stderr;
    }

    /** Whether stderr was longer than the output limit and was cut. */
    public boolean stderrTruncated() {
        return stderrTruncated;
    }

    /** How long it ran. */
    public Duration duration() {
        return duration;
    }

    /**
     * This result if the command exited with 0, else throws {@link SshCommandException} naming the
     * host, the command, how it ended and the end of its stderr.
     */
    public ExecResult requireSuccess() {
        if (isSuccess()) {
            return this;
        }
        String tail = stderr.strip();
        if (tail.length() > 2000) {
            tail = "…" + tail.substring(tail.length() - 2000);
        }
        throw new SshCommandException(
                target,
                "Command failed on " + target + " (" + ending() + "): " + command
                        + (tail.isEmpty() ? "" : "\nstderr:\n" + tail),
                this);
    }

    /** Host, command and how it ended. */
    @Override
    public String toString() {
        return "ExecResult[" + target + ", " + ending() + ", " + command + "]";
    }

    private String ending() {
        if (exitStatus != null) {
            return "exit status " + exitStatus;
        }
        return exitSignal != null ? "killed by signal " + exitSignal : "no exit status";
    }
}
