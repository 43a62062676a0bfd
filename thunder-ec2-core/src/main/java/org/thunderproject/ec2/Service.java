package org.thunderproject.ec2;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Software the provisioner puts on a cluster's nodes after they answer SSH: Java, Spark, the
 * Thunder Python environment and Jupyter are services, and a user adds their own with
 * {@link ClusterSpec.Builder#addServices}. Built-in services run first, then the spec's, in order.
 *
 * <p>The provisioner runs the {@link ServiceStep steps} one after the other; each step on every
 * node in parallel, and on one node each service's scripts in order. A step's scripts come from
 * {@link #scripts(ServiceStep, ServiceNode)}, so a service decides per role (or per node) what to
 * run. Every script must be idempotent: {@code resume()} and {@code start()} run all steps again.
 *
 * <pre>{@code
 * final class Redis implements Service {
 *   public String name() { return "redis"; }
 *   public List<ServicePort> ports() { return List.of(ServicePort.tcp(NodeRole.MASTER, 6379, "redis")); }
 *   public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
 *     if (!node.isMaster()) return List.of();
 *     return switch (step) {
 *       case INSTALL -> List.of(ServiceScript.fromResource(Redis.class, "install-redis.sh"));
 *       case START -> List.of(ServiceScript.fromResource(Redis.class, "start-redis.sh")
 *           .withEnvironment("BIND", node.privateAddress()));
 *       default -> List.of();
 *     };
 *   }
 * }
 * }</pre>
 */
public interface Service {

    /** Service names: lower-case letters, digits and '-', starting with a letter. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** The service's name (see {@link #NAME}); unique within a cluster. It names its directory on the nodes. */
    String name();

    /** Ports to open to the authorized CIDRs; none by default. */
    default List<ServicePort> ports() {
        return List.of();
    }

    /**
     * Files the scripts use (templates, helper scripts, launchers), uploaded next to them to
     * {@code ~/.thunder-ec2/services/NAME/} on every node before the first step runs; none by default.
     */
    default List<ServiceScript> files() {
        return List.of();
    }

    /** The scripts to run in {@code step} on {@code node}, in order; empty when there is nothing to do. */
    List<ServiceScript> scripts(ServiceStep step, ServiceNode node);
}
