package org.thunderproject.ec2.ssh;

import java.util.List;

/** Some hosts of a batch failed and the caller asked for all to succeed ({@link BatchResult#requireAllSucceeded()}). */
public final class SshBatchException extends SshException {
    private static final long serialVersionUID = 1L;

    private final transient List<HostResult<?>> failures;

    /** A batch whose {@code failures} are listed (the first failure is the cause). */
    public SshBatchException(String message, List<HostResult<?>> failures) {
        super(null, message, failures.isEmpty() ? null : failures.get(0).error().orElse(null));
        this.failures = List.copyOf(failures);
    }

    /** The hosts that failed, each with its error. */
    public List<HostResult<?>> failures() {
        return failures;
    }
}
