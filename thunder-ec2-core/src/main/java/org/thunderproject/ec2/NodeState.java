package org.thunderproject.ec2;

import java.util.Locale;

/** An EC2 instance state. */
public enum NodeState {
    PENDING,
    RUNNING,
    SHUTTING_DOWN,
    TERMINATED,
    STOPPING,
    STOPPED;

    /** The state for EC2's name of it ({@code shutting-down}, …). */
    public static NodeState fromEc2(String name) {
        return valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
    }

    /** EC2's name of the state. */
    public String ec2Name() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the instance is gone or going (shutting-down or terminated). */
    public boolean isGone() {
        return this == SHUTTING_DOWN || this == TERMINATED;
    }
}
