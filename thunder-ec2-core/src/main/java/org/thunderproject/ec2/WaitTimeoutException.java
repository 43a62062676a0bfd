package org.thunderproject.ec2;

/** A bounded wait ran out (nodes not running, not answering SSH, a service not healthy). */
public final class WaitTimeoutException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    /** What was waited for, for how long, and the last thing seen. */
    public WaitTimeoutException(String message) {
        super(message);
    }

    /** What was waited for, for how long, and the last thing seen, with the last failure. */
    public WaitTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
