package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;

/** A remote operation (a command) ran longer than its timeout and was stopped. */
public final class SshTimeoutException extends SshException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /** An operation that exceeded {@code timeout}. */
    public SshTimeoutException(SshTarget target, String message, Duration timeout) {
        super(target, message);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
