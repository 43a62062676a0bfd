package org.thunderproject.ec2.internal;

import java.time.Duration;
import org.thunderproject.ec2.OperationInterruptedException;

/** Turns thread interruption into {@link OperationInterruptedException}, keeping the interrupt status set. */
public final class Interrupts {
    private Interrupts() {}

    /** Throws when the current thread has been interrupted. */
    public static void check(String operation) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(operation, new InterruptedException());
        }
    }

    /** Sleeps, or throws when interrupted. */
    public static void sleep(Duration duration, String operation) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            throw interrupted(operation, e);
        }
    }

    /** The exception for an interrupted operation; sets the interrupt status again for callers up the stack. */
    public static OperationInterruptedException interrupted(String operation, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return new OperationInterruptedException(operation + " was interrupted", cause);
    }
}
