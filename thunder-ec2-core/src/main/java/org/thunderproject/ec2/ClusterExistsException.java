package org.thunderproject.ec2;

import java.util.Objects;

/**
 * {@code launch()} refused because a cluster of that name already exists in the region, or
 * another launch claimed the name a moment earlier; nothing was created. {@link #state()} says
 * what exists: {@link Cluster#resume()} completes that cluster (joining a launch that is still
 * running), {@link Cluster#destroy()} removes it.
 */
public final class ClusterExistsException extends PreflightException {
    private static final long serialVersionUID = 1L;
    private final String clusterName;
    private final String region;
    private final ClusterState state;

    /** Cluster {@code clusterName} exists in {@code region} in {@code state}; {@code message} says what to do. */
    public ClusterExistsException(String clusterName, String region, ClusterState state, String message) {
        super(message);
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.region = Objects.requireNonNull(region, "region");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The name that is taken. */
    public String clusterName() {
        return clusterName;
    }

    /** The region it is taken in. */
    public String region() {
        return region;
    }

    /** The state of what exists under that name when the launch looked. */
    public ClusterState state() {
        return state;
    }
}
