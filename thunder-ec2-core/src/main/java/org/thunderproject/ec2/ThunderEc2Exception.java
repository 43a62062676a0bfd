package org.thunderproject.ec2;

/** The base of every exception thunder-ec2 throws. Unchecked; the message says what to do. */
public class ThunderEc2Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message a user can act on. */
    public ThunderEc2Exception(String message) {
        super(message);
    }

    /** An exception with a message a user can act on, and its cause. */
    public ThunderEc2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
