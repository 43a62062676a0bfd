package org.thunderproject.ec2.internal.services;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServicePort;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/**
 * Spark standalone: the spec's distribution on every node, a master on the master and a worker on
 * each slave, every daemon bound to its node's private address; healthy when the master's
 * {@code /json/} shows every slave's worker ALIVE.
 */
final class SparkService implements Service {
    static final String NAME = "spark";
    /** The master's RPC port: {@code spark://MASTER:7077}. */
    public static final int MASTER_PORT = 7077;
    /** The master's web UI port. */
    public static final int MASTER_UI_PORT = 8080;
    /** How long the health check waits for the workers. */
    static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ServicePort> ports() {
        // The same as the infrastructure's Spark rules (spark-ec2's), so nothing is added twice.
        return List.of(
                new ServicePort(NodeRole.MASTER, 8080, 8081, "Spark web UIs"),
                ServicePort.tcp(NodeRole.MASTER, MASTER_PORT, "Spark master"),
                ServicePort.tcp(NodeRole.MASTER, 6066, "Spark REST submission"),
                new ServicePort(NodeRole.MASTER, 4040, 4045, "Spark application UIs"),
                ServicePort.tcp(NodeRole.MASTER, 18080, "Spark history server"),
                new ServicePort(NodeRole.SLAVE, 8080, 8081, "Spark worker web UI"));
    }

    @Override
    public List<ServiceScript> files() {
        // spark-daemon.sh: what the master's and the worker's start scripts share; they source it from here.
        return List.of(BuiltInServices.script(NAME, "spark-daemon.sh"), BuiltInServices.script(NAME, "stop-spark.sh"));
    }

    @Override
    public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
        ClusterSpec spec = node.spec();
        return switch (step) {
            case INSTALL ->
                List.of(BuiltInServices.script(NAME, "install-spark.sh")
                        .withEnvironment("SPARK_URL", spec.effectiveSparkDownloadUrl()));
            case CONFIGURE ->
                List.of(BuiltInServices.script(NAME, "configure-spark.sh").withEnvironment(configuration(node)));
            case START ->
                List.of(
                        node.isMaster()
                                ? BuiltInServices.script(NAME, "start-spark-master.sh")
                                : BuiltInServices.script(NAME, "start-spark-worker.sh"));
            case HEALTH_CHECK ->
                node.isMaster()
                        ? List.of(BuiltInServices.script(NAME, "spark-health.sh")
                                .withArguments(
                                        Integer.toString(node.slaveCount()), Long.toString(HEALTH_TIMEOUT.toSeconds()))
                                .withTimeout(HEALTH_TIMEOUT.plusMinutes(1)))
                        : List.of();
        };
    }

    /** The node's addresses and its worker's size: from the spec, else from the instance type. */
    static Map<String, String> configuration(ServiceNode node) {
        ClusterSpec spec = node.spec();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_LOCAL_IP", node.privateAddress());
        env.put("SPARK_MASTER_HOST", node.masterAddress());
        env.put("SPARK_MASTER_PORT", Integer.toString(MASTER_PORT));
        String type = node.node().instanceType();
        Integer cores = spec.sparkWorkerCores().isPresent()
                ? Integer.valueOf(spec.sparkWorkerCores().getAsInt())
                : InstanceSizes.workerCores(type).orElse(null);
        if (cores != null) {
            env.put("SPARK_WORKER_CORES", cores.toString());
        }
        spec.sparkWorkerMemory()
                .or(() -> InstanceSizes.workerMemory(type))
                .ifPresent(memory -> env.put("SPARK_WORKER_MEMORY", memory));
        return env;
    }

    @Override
    public String toString() {
        return "Service(" + NAME + ")";
    }
}
