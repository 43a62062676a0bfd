package org.thunderproject.ec2;

/**
 * A check before launch failed (key file, key pair, name taken, …); nothing was created in AWS.
 */
public class PreflightException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    /** A refused launch, with what to do about it. */
    public PreflightException(String message) {
        super(message);
    }
}
