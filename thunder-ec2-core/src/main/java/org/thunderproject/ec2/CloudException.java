package org.thunderproject.ec2;

import java.util.Optional;

/** EC2 (or the EC2-compatible endpoint) refused or failed a request, after retries. */
public class CloudException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;
    private final String errorCode;

    /** A failed EC2 request; {@code errorCode} is EC2's code, such as {@code DependencyViolation}. */
    public CloudException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** EC2's error code, when EC2 answered with one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
