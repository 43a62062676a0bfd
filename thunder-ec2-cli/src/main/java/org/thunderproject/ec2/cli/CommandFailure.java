package org.thunderproject.ec2.cli;

/** A command could not or would not do its job (refused, aborted, not found); exit code 1. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure whose message says what happened and what to do. */
    public CommandFailure(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}, with a message that says what to do. */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
