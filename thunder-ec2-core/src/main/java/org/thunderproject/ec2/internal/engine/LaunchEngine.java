package org.thunderproject.ec2.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.internal.Interrupts;

/** Runs the launch stages in phase order, up to and including a requested phase. */
public final class LaunchEngine {
    private final List<LaunchStage> stages;

    private LaunchEngine(List<LaunchStage> stages) {
        this.stages =
                stages.stream().sorted(Comparator.comparing(LaunchStage::phase)).toList();
        if (this.stages.isEmpty()) {
            throw new IllegalArgumentException("a launch needs at least one stage");
        }
    }

    /** An engine of {@code stages} (one per phase). */
    public static LaunchEngine of(List<LaunchStage> stages) {
        return new LaunchEngine(List.copyOf(Objects.requireNonNull(stages, "stages")));
    }

    /** The standard launch: infrastructure, SSH readiness, then services. */
    public static LaunchEngine standard() {
        return of(List.of(new InfrastructureStage(), new SshStage(), new ServicesStage()));
    }

    /** The last phase this engine can reach: what {@code launch()} without a phase goes to. */
    public LaunchPhase lastPhase() {
        return stages.get(stages.size() - 1).phase();
    }

    /** Runs every stage up to and including {@code last}. */
    public void run(LaunchContext context, LaunchPhase last) {
        for (LaunchStage stage : stages) {
            if (stage.phase().compareTo(last) <= 0) {
                Interrupts.check(context.operation());
                stage.run(context);
            }
        }
    }

    /** After a start: the stages past infrastructure, up to and including {@code last}. */
    public void runAfterStart(LaunchContext context, LaunchPhase last) {
        for (LaunchStage stage : stages) {
            if (stage.phase().compareTo(LaunchPhase.INFRASTRUCTURE) > 0
                    && stage.phase().compareTo(last) <= 0) {
                Interrupts.check(context.operation());
                stage.runAfterStart(context);
            }
        }
    }
}
