package org.thunderproject.ec2.localcloud.internal.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.thunderproject.ec2.localcloud.internal.model.BootSpread;

/**
 * How an SSH runtime's boots vary and whom it tells: each instance's boot delay is drawn from
 * {@code spread} around the configured one, and {@code onSshReady} hears each instance id when its
 * SSH server starts to answer (the cloud's record of every node's boot-to-SSH).
 *
 * @param spread how boot delays vary
 * @param onSshReady told each instance id once its SSH answers
 */
public record BootHooks(BootSpread spread, Consumer<String> onSshReady) {

    /** No spread, nobody told. */
    public static final BootHooks NONE = new BootHooks(BootSpread.none(), id -> {});

    /** Checks the parts. */
    public BootHooks {
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(onSshReady, "onSshReady");
    }

    /** This boot's delay in nanoseconds: {@code base} ± the spread. */
    long nanos(Duration base) {
        return spread.draw(base).toNanos();
    }
}
