package org.thunderproject.ec2.ssh;

import java.util.Objects;

/** A command ended unsuccessfully and the caller asked for success ({@link ExecResult#requireSuccess()}). */
public final class SshCommandException extends SshException {
    private static final long serialVersionUID = 1L;

    private final transient ExecResult result;

    /** A failed command and its result. */
    public SshCommandException(SshTarget target, String message, ExecResult result) {
        super(target, message);
        this.result = Objects.requireNonNull(result, "result");
    }

    /** The command's result: exit status, output. */
    public ExecResult result() {
        return result;
    }
}
