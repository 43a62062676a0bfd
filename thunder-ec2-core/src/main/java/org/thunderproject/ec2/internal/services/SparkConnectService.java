package org.thunderproject.ec2.internal.services;

import java.time.Duration;
import java.util.List;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/**
 * Spark Connect on the master, after Spark: a Spark Connect server (a long-running application on
 * the cluster, executors only while it has work) on the master's loopback at the spec's
 * {@code sparkConnectPort}, reached through an SSH forward ({@code Cluster.sparkConnect()}); it
 * opens no port. Started again by every {@code resume()} and {@code start()}; healthy when it runs
 * and listens.
 */
final class SparkConnectService implements Service {
    static final String NAME = "spark-connect";
    /** How long the health check waits for the port. */
    static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ServiceScript> files() {
        return List.of(BuiltInServices.script(NAME, "spark-connect-probe.sh"));
    }

    @Override
    public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
        if (!node.isMaster()) {
            return List.of();
        }
        String port = Integer.toString(node.spec().sparkConnectPort());
        return switch (step) {
            case INSTALL, CONFIGURE -> List.of();
            case START -> {
                ServiceScript start = BuiltInServices.script(NAME, "start-spark-connect.sh")
                        .withEnvironment("SPARK_CONNECT_PORT", port);
                // Executors must fit the workers: when the spec sizes them, executors take that size.
                yield List.of(node.spec()
                        .sparkWorkerMemory()
                        .map(memory -> start.withEnvironment("SPARK_CONNECT_EXECUTOR_MEMORY", memory))
                        .orElse(start));
            }
            case HEALTH_CHECK ->
                List.of(BuiltInServices.script(NAME, "spark-connect-health.sh")
                        .withArguments(port, Long.toString(HEALTH_TIMEOUT.toSeconds()))
                        .withTimeout(HEALTH_TIMEOUT.plusMinutes(1)));
        };
    }

    @Override
    public String toString() {
        return "Service(" + NAME + ")";
    }
}
