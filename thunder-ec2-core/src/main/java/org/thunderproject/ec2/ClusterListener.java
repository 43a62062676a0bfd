package org.thunderproject.ec2;

/**
 * Receives the progress of cluster operations. Called on the thread doing the work (sometimes a
 * worker thread), so it must be quick and thread-safe; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ClusterListener {
    /** One event. */
    void onEvent(ClusterEvent event);
}
