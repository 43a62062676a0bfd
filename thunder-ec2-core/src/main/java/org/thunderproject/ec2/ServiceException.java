package org.thunderproject.ec2;

import java.util.List;
import java.util.Objects;

/**
 * A service's step failed on one or more nodes: a script exited non-zero or ran past its timeout.
 * The message names the service, the step, each node and the end of the script's error output;
 * once the cause is fixed, {@link Cluster#resume()} runs the steps again.
 */
public final class ServiceException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final ServiceStep step;
    private final List<String> instanceIds;

    /** A failure of {@code service}'s {@code step} on {@code instanceIds}. */
    public ServiceException(String message, String service, ServiceStep step, List<String> instanceIds) {
        super(message);
        this.service = Objects.requireNonNull(service, "service");
        this.step = Objects.requireNonNull(step, "step");
        this.instanceIds = List.copyOf(instanceIds);
    }

    /** The service that failed (the first one, when several did). */
    public String service() {
        return service;
    }

    /** The step that failed. */
    public ServiceStep step() {
        return step;
    }

    /** The nodes it failed on. */
    public List<String> instanceIds() {
        return instanceIds;
    }
}
