package org.thunderproject.ec2.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;

/**
 * What cluster handles share, owned by one {@code ThunderEc2}: EC2 gateways per region, worker
 * threads, the caller-address lookup, the poll interval and the launch engine.
 *
 * @param gateways the gateway for a region (made on first use, closed by the owner)
 * @param executor worker threads (daemon, named), shut down by the owner
 * @param callerAddress how the caller's public address is found
 * @param pollInterval the first interval of every wait
 * @param engine the launch phases
 * @param defaultRegion the owner's region
 * @param homeDirectory thunder-ec2's own directory (known hosts, later phases)
 */
public record EngineServices(
        Function<String, Ec2Gateway> gateways,
        ExecutorService executor,
        CallerAddress callerAddress,
        Duration pollInterval,
        LaunchEngine engine,
        String defaultRegion,
        Path homeDirectory) {

    /** Checks for nulls. */
    public EngineServices {
        Objects.requireNonNull(gateways, "gateways");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(callerAddress, "callerAddress");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
    }
}
