package org.thunderproject.ec2.internal.ec2;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.InsufficientCapacityException;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.internal.Interrupts;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into thunder-ec2's, so none escapes the API; and classifies them for retries. */
public final class Ec2Errors {

    /** EC2's codes for throttling. */
    static final Set<String> THROTTLING = Set.of(
            "RequestLimitExceeded",
            "Throttling",
            "ThrottlingException",
            "RequestThrottled",
            "RequestThrottledException",
            "TooManyRequestsException",
            "SlowDown");
    /** EC2's transient server-side codes (besides any 5xx). */
    static final Set<String> TRANSIENT = Set.of(
            "InternalError",
            "InternalFailure",
            "ServiceUnavailable",
            "Unavailable",
            "RequestTimeout",
            "RequestTimeoutException");
    /** Capacity codes: retrying the same request at once does not help, so they are never retried. */
    static final Set<String> CAPACITY = Set.of(
            "InsufficientInstanceCapacity",
            "InsufficientHostCapacity",
            "InsufficientReservedInstanceCapacity",
            "InsufficientAddressCapacity",
            "InsufficientCapacity");

    /** The code for a capacity shortage. */
    public static final String INSUFFICIENT_CAPACITY = "InsufficientInstanceCapacity";

    private Ec2Errors() {}

    /** EC2's error code of a thunder-ec2 or SDK exception, if any. */
    public static Optional<String> code(Throwable e) {
        if (e instanceof CloudException c) {
            return c.errorCode();
        }
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            return Optional.ofNullable(a.awsErrorDetails().errorCode());
        }
        return Optional.empty();
    }

    /** Whether {@code e} carries EC2 error code {@code code}. */
    public static boolean hasCode(Throwable e, String code) {
        return code(e).map(code::equals).orElse(false);
    }

    /** Whether the SDK should retry after {@code e}: throttling, transient server errors, I/O trouble. */
    static boolean isRetryable(Throwable e) {
        if (isInterruption(e)) {
            return false;
        }
        if (e instanceof AwsServiceException a) {
            String code = code(a).orElse("");
            if (CAPACITY.contains(code)) {
                return false;
            }
            return isThrottling(a) || TRANSIENT.contains(code) || a.statusCode() >= 500;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} says EC2 throttled the request. */
    static boolean isThrottling(Throwable e) {
        if (e instanceof AwsServiceException a) {
            return a.statusCode() == 429 || THROTTLING.contains(code(a).orElse(""));
        }
        return false;
    }

    /** Whether {@code e} comes from the calling thread being interrupted. */
    static boolean isInterruption(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof AbortedException
                    || c instanceof InterruptedException
                    || c instanceof ClosedByInterruptException
                    || (c instanceof InterruptedIOException && !(c instanceof java.net.SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    /** The thunder-ec2 exception for a failed {@code action}. */
    static ThunderEc2Exception translate(String action, SdkException e) {
        if (isInterruption(e) || Thread.currentThread().isInterrupted()) {
            InterruptedException cause = new InterruptedException("interrupted during EC2 " + action);
            cause.initCause(e);
            return Interrupts.interrupted("EC2 " + action, cause);
        }
        if (e instanceof AwsServiceException a) {
            String code = code(a).orElse(null);
            String message = a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null
                    ? a.awsErrorDetails().errorMessage()
                    : a.getMessage();
            if (CAPACITY.contains(code)) {
                return new InsufficientCapacityException("EC2 " + action + ": " + code + ": " + message, a);
            }
            return new CloudException(
                    "EC2 " + action + " failed: " + (code == null ? "HTTP " + a.statusCode() : code) + ": " + message,
                    code,
                    a);
        }
        return new CloudException(
                "EC2 " + action + " failed: " + e.getMessage()
                        + " (is the endpoint reachable and are credentials configured?)",
                null,
                e);
    }
}
