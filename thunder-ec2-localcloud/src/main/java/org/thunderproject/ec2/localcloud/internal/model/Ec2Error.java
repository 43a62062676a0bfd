package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/**
 * An EC2 error: a code from EC2's list, a message, and the HTTP status it travels with. Thrown by
 * the model and the actions, turned into EC2's XML error document by the server.
 */
public final class Ec2Error extends RuntimeException {

    private final String code;
    private final int status;

    private Ec2Error(String code, String message, int status) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
    }

    /** A client error (HTTP 400). */
    public static Ec2Error of(String code, String message) {
        return new Ec2Error(code, message, 400);
    }

    /** An error with its own HTTP status (503 for throttling, 500 for server errors). */
    public static Ec2Error withStatus(int status, String code, String message) {
        return new Ec2Error(code, message, status);
    }

    /** {@code InvalidParameterValue}, the catch-all for bad input. */
    public static Ec2Error invalidValue(String message) {
        return of("InvalidParameterValue", message);
    }

    /** {@code MissingParameter} for a required parameter. */
    public static Ec2Error missing(String parameter) {
        return of("MissingParameter", "The request must contain the parameter " + parameter);
    }

    /** The EC2 error code. */
    public String code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
