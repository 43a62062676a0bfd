package org.thunderproject.ec2.internal.engine;

import org.thunderproject.ec2.LaunchPhase;

/**
 * One phase of a launch. The engine runs the stages in order up to the phase the caller asked
 * for; each must be safe to run again (resume() and start() re-run them), doing only what is missing.
 */
public interface LaunchStage {

    /** The phase this stage completes. */
    LaunchPhase phase();

    /** Brings the cluster to this phase. */
    void run(LaunchContext context);

    /**
     * Brings a cluster that was just started again (its nodes running, with new addresses) back
     * to this phase. Infrastructure has nothing to do then; later phases (SSH, services) do.
     */
    default void runAfterStart(LaunchContext context) {
        run(context);
    }
}
