package org.thunderproject.ec2;

/**
 * The steps of a {@link Service}, in the order the provisioner runs them: each step runs on every
 * node (in parallel) before the next begins. Every step must be idempotent: {@code resume()} and
 * {@code start()} run all of them again, and a step finds what is already done and leaves it alone.
 */
public enum ServiceStep {
    /** Puts the software on the node (a package, a download); skips what is installed. */
    INSTALL,
    /** Writes the node's configuration (addresses, sizes); rewriting the same content is harmless. */
    CONFIGURE,
    /**
     * Starts the daemons; a daemon that runs is left alone. Runs on every node at once, master and
     * slaves alike: a slave daemon must retry until the master answers (Spark's workers do), and the
     * health check waits until they have.
     */
    START,
    /** Waits, with a bound, until the service works (e.g. every Spark worker registered). */
    HEALTH_CHECK
}
