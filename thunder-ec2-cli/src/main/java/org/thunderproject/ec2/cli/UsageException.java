package org.thunderproject.ec2.cli;

/** The command line or config file asks for something impossible; exit code 2, nothing touched. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error whose message says what to change. */
    public UsageException(String message) {
        super(message);
    }

    /** A usage error caused by {@code cause} (an unreadable file, say). */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
