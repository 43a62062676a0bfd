package org.thunderproject.ec2;

import java.time.Duration;
import java.util.Optional;

/** Progress of a cluster operation, delivered to {@link ClusterListener}s. */
public sealed interface ClusterEvent {

    /** The cluster the event is about. */
    String cluster();

    /** The steps of cluster operations. */
    enum Step {
        /** Checks before anything is created: key file, key pair, name, image. */
        PREFLIGHT,
        /** Creating or reusing the security groups and their rules. */
        SECURITY_GROUPS,
        /** Asking EC2 for the instances. */
        RUN_INSTANCES,
        /** Waiting for every node to run and have its addresses. */
        WAIT_RUNNING,
        /**
         * Waiting for every node to answer SSH: first for its console output to show its host key
         * fingerprints (to pin the key), then for its SSH server to accept the cluster's key.
         */
        WAIT_SSH,
        /** Stopping the nodes. */
        STOP_INSTANCES,
        /** Starting stopped nodes. */
        START_INSTANCES,
        /** Terminating some slaves ({@link org.thunderproject.ec2.Cluster#removeSlaves(int)}). */
        REMOVE_SLAVES,
        /** Terminating the nodes and waiting until they are gone. */
        TERMINATE_INSTANCES,
        /** Removing cross-group rules and deleting the security groups. */
        DELETE_SECURITY_GROUPS,
        /** Services: installing software on every node ({@link ServiceStep#INSTALL}). */
        INSTALL_SERVICES,
        /** Services: writing every node's configuration ({@link ServiceStep#CONFIGURE}). */
        CONFIGURE_SERVICES,
        /** Services: starting daemons, the master's first ({@link ServiceStep#START}). */
        START_SERVICES,
        /** Services: waiting until they work ({@link ServiceStep#HEALTH_CHECK}). */
        CHECK_SERVICES,
        /** Setting up and starting the notebook server on the master, and the access to it. */
        OPEN_NOTEBOOK,
        /** Stopping the notebook server and removing its configuration and ingress rule. */
        CLOSE_NOTEBOOK
    }

    /**
     * A step began.
     *
     * @param cluster the cluster name
     * @param step the step
     * @param detail a short human description (what and how many)
     */
    record StepStarted(String cluster, Step step, String detail) implements ClusterEvent {}

    /**
     * A step ended successfully.
     *
     * @param cluster the cluster name
     * @param step the step
     * @param took how long it took
     */
    record StepFinished(String cluster, Step step, Duration took) implements ClusterEvent {}

    /**
     * A node was seen in a new state.
     *
     * @param cluster the cluster name
     * @param instanceId the node's instance id
     * @param role the node's role
     * @param from the state it was last seen in, absent when first seen
     * @param to the state it is in now
     */
    record NodeStateChanged(String cluster, String instanceId, NodeRole role, Optional<NodeState> from, NodeState to)
            implements ClusterEvent {}

    /**
     * Still waiting for something, and why.
     *
     * @param cluster the cluster name
     * @param reason what is awaited, such as "2 of 3 nodes running"
     * @param elapsed time waited so far
     */
    record Waiting(String cluster, String reason, Duration elapsed) implements ClusterEvent {}

    /**
     * Something the user should know that does not stop the operation.
     *
     * @param cluster the cluster name
     * @param message what happened and what it means
     */
    record Warning(String cluster, String message) implements ClusterEvent {}

    /**
     * One service's step finished on one node.
     *
     * @param cluster the cluster name
     * @param instanceId the node
     * @param role the node's role
     * @param service the service's name
     * @param step the step
     * @param took how long the step's scripts ran on the node
     */
    record ServiceStepFinished(
            String cluster, String instanceId, NodeRole role, String service, ServiceStep step, Duration took)
            implements ClusterEvent {}
}
