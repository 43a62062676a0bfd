package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Locale;

/** EC2's instance states with their codes. */
public enum InstanceState {
    PENDING(0),
    RUNNING(16),
    SHUTTING_DOWN(32),
    TERMINATED(48),
    STOPPING(64),
    STOPPED(80);

    private final int code;

    InstanceState(int code) {
        this.code = code;
    }

    /** EC2's numeric state code. */
    public int code() {
        return code;
    }

    /** EC2's name: {@code pending}, {@code shutting-down}, … */
    public String ec2Name() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
