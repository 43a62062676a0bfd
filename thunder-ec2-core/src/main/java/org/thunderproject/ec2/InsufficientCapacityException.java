package org.thunderproject.ec2;

/** EC2 has no capacity for the instance type in the zone(s) tried ({@code InsufficientInstanceCapacity}). */
public final class InsufficientCapacityException extends CloudException {
    private static final long serialVersionUID = 1L;

    /** No capacity; the message names the instance type and the zones tried. */
    public InsufficientCapacityException(String message, Throwable cause) {
        super(message, "InsufficientInstanceCapacity", cause);
    }
}
