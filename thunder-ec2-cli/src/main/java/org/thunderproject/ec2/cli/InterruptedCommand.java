package org.thunderproject.ec2.cli;

/**
 * An operation stopped by Ctrl-C or SIGTERM; exit code 130. The message's lines say what exists
 * now and the commands that finish or remove it; all of them are printed.
 */
public final class InterruptedCommand extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An interruption; {@code message} may have several lines. */
    public InterruptedCommand(String message, Throwable cause) {
        super(message, cause);
    }
}
