package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one host of a batch produced: a value or an error, and how long it took. */
public final class HostResult<T> {
    private final SshTarget target;
    private final T value;
    private final SshException error;
    private final Duration duration;

    private HostResult(SshTarget target, T value, SshException error, Duration duration) {
        this.target = Objects.requireNonNull(target, "target");
        this.value = value;
        this.error = error;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    /** A host that succeeded with {@code value} (may be null for tasks without a value). */
    public static <T> HostResult<T> success(SshTarget target, T value, Duration duration) {
        return new HostResult<>(target, value, null, duration);
    }

    /** A host that failed with {@code error}. */
    public static <T> HostResult<T> failure(SshTarget target, SshException error, Duration duration) {
        return new HostResult<>(target, null, Objects.requireNonNull(error, "error"), duration);
    }

    /** The host. */
    public SshTarget target() {
        return target;
    }

    /** Whether the host succeeded. */
    public boolean isSuccess() {
        return error == null;
    }

    /** The value, if it succeeded with one. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** The error, if it failed. */
    public Optional<SshException> error() {
        return Optional.ofNullable(error);
    }

    /** The value; throws the host's error if it failed. */
    public T orElseThrow() {
        if (error != null) {
            throw error;
        }
        return value;
    }

    /** From the start of the batch's work on this host (including waiting for it) to its end. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return target + ": " + (error == null ? String.valueOf(value) : "FAILED " + error.getMessage());
    }
}
