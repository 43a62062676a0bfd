package org.thunderproject.ec2.internal.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;
import org.thunderproject.ec2.internal.nodes.NodeBatch;
import org.thunderproject.ec2.internal.nodes.SshFailures;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.SshSession;
import org.thunderproject.ec2.ssh.SshTimeoutException;

/**
 * Runs services' steps on a cluster's nodes over SSH: step after step, each on every node in
 * parallel (START too: slave daemons retry until the master answers, so waiting for the master
 * first would only add its start time to every launch), and on one node each service's scripts
 * in order. A node stops at its first failing script; the step fails with a
 * {@link ServiceException} naming every failed node, service and script, after all nodes finished.
 */
public final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    /** thunder-ec2's directory on the nodes, relative to the login user's home. */
    public static final String NODE_HOME = ".thunder-ec2";
    /** The prefix of a script's stdout line that is a warning for the user. */
    public static final String WARNING_PREFIX = "thunder-ec2:warning:";

    private static final int ERROR_LINES = 12;
    private static final int ERROR_CHARS = 2000;

    private final ClusterSsh ssh;
    private final EventSink events;
    private final ClusterSpec spec;
    private final List<Service> services;

    /** Provisions {@code services} for {@code spec}'s cluster. */
    public Provisioner(ClusterSsh ssh, EventSink events, ClusterSpec spec, List<Service> services) {
        this.ssh = Objects.requireNonNull(ssh, "ssh");
        this.events = Objects.requireNonNull(events, "events");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.services = List.copyOf(services);
    }

    /** The event step of a service step. */
    public static Step eventStep(ServiceStep step) {
        return switch (step) {
            case INSTALL -> Step.INSTALL_SERVICES;
            case CONFIGURE -> Step.CONFIGURE_SERVICES;
            case START -> Step.START_SERVICES;
            case HEALTH_CHECK -> Step.CHECK_SERVICES;
        };
    }

    /**
     * Runs every step on {@code nodes} (which include {@code master}); the services' files are
     * uploaded to each node first.
     */
    public void provision(List<NodeRecord> nodes, NodeRecord master) {
        Node masterNode = master.toNode();
        int slaves =
                (int) nodes.stream().filter(n -> n.role() == NodeRole.SLAVE).count();
        Map<String, ServiceNode> contexts = new LinkedHashMap<>();
        for (NodeRecord node : nodes) {
            contexts.put(node.id(), new ServiceNode(spec, node.toNode(), masterNode, slaves));
        }
        String names = services.stream().map(Service::name).collect(Collectors.joining(", "));
        for (ServiceStep step : ServiceStep.values()) {
            events.step(
                    eventStep(step), names + " on " + nodes.size() + " node(s)", () -> runStep(step, nodes, contexts));
        }
    }

    private void runStep(ServiceStep step, List<NodeRecord> nodes, Map<String, ServiceNode> contexts) {
        boolean upload = step == ServiceStep.INSTALL;
        Map<String, List<Planned>> plans = new LinkedHashMap<>();
        List<NodeRecord> busy = new ArrayList<>();
        for (NodeRecord node : nodes) {
            List<Planned> planned = new ArrayList<>();
            for (Service service : services) {
                for (ServiceScript script : service.scripts(step, contexts.get(node.id()))) {
                    planned.add(new Planned(service, script));
                }
            }
            plans.put(node.id(), planned);
            if (!planned.isEmpty() || upload) {
                busy.add(node);
            }
        }
        if (busy.isEmpty()) {
            return;
        }
        Map<String, NodeRecord> byId = busy.stream().collect(Collectors.toMap(NodeRecord::id, n -> n));
        NodeBatch<NodeOutcome> batch = ssh.onEach(busy, session -> {
            NodeRecord node = byId.get(session.target().hostId());
            if (upload) {
                uploadFiles(session);
            }
            return runScripts(session, node, contexts.get(node.id()), step, plans.get(node.id()));
        });
        batch.requireAllSucceeded(step.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of services");
        List<String> lines = new ArrayList<>();
        List<String> failedIds = new ArrayList<>();
        String first = null;
        String firstService = null;
        for (int i = 0; i < busy.size(); i++) {
            Optional<NodeOutcome.Failure> failure = batch.result(i).value().flatMap(NodeOutcome::failure);
            if (failure.isPresent()) {
                NodeOutcome.Failure f = failure.get();
                String node = SshFailures.describe(busy.get(i));
                if (first == null) {
                    firstService = f.service();
                    // The first line alone must say what failed where (command lines show only it).
                    first = "service '" + f.service() + "' failed in step " + step + " on " + node + ": " + f.script()
                            + " " + f.detail().lines().findFirst().orElse("failed");
                }
                failedIds.add(busy.get(i).id());
                lines.add("  " + node + ": service '" + f.service() + "', " + f.script() + " "
                        + f.detail().replace("\n", "\n    "));
            }
        }
        if (!failedIds.isEmpty()) {
            throw new ServiceException(
                    first + (failedIds.size() > 1 ? " (and on " + (failedIds.size() - 1) + " more node(s))" : "")
                            + "\nstep " + step + " of services failed on " + failedIds.size() + " of " + busy.size()
                            + " node(s) of cluster '" + spec.name() + "':\n" + String.join("\n", lines)
                            + "\nFix the cause, then resume() runs the steps again (what is done is left alone).",
                    firstService,
                    step,
                    failedIds);
        }
    }

    private void uploadFiles(SshSession session) {
        for (Service service : services) {
            for (ServiceScript file : service.files()) {
                session.writeFile(path(service, file), file.content(), 0755);
            }
        }
    }

    private NodeOutcome runScripts(
            SshSession session, NodeRecord node, ServiceNode context, ServiceStep step, List<Planned> planned) {
        Service current = null;
        long serviceStart = System.nanoTime();
        for (Planned p : planned) {
            if (p.service() != current) {
                finished(node, current, step, serviceStart);
                current = p.service();
                serviceStart = System.nanoTime();
            }
            Optional<String> failure = run(session, node, context, p.service(), p.script());
            if (failure.isPresent()) {
                return NodeOutcome.failed(p.service().name(), p.script().name(), failure.get());
            }
        }
        finished(node, current, step, serviceStart);
        return NodeOutcome.ok();
    }

    private void finished(NodeRecord node, Service service, ServiceStep step, long started) {
        if (service != null) {
            events.emit(new ClusterEvent.ServiceStepFinished(
                    spec.name(),
                    node.id(),
                    node.role(),
                    service.name(),
                    step,
                    Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    /** Runs one script; its failure's description, if it failed. */
    private Optional<String> run(
            SshSession session, NodeRecord node, ServiceNode context, Service service, ServiceScript script) {
        String path = path(service, script);
        session.writeFile(path, script.content(), 0755);
        Map<String, String> env = new LinkedHashMap<>(standardEnvironment(context, service));
        env.putAll(script.environment());
        String command = Shell.runScript(path, env, script.arguments());
        String who = SshFailures.describe(node);
        LOG.debug("{}: {} {}", who, service.name(), script);
        Exec exec = Exec.of(command).withTimeout(script.timeout()).onStdoutLine(line -> {
            if (line.startsWith(WARNING_PREFIX)) {
                events.warning("node " + who + ", service '" + service.name() + "': "
                        + line.substring(WARNING_PREFIX.length()).strip());
            } else {
                LOG.debug("{} {}: {}", who, script.name(), line);
            }
        });
        ExecResult result;
        try {
            result = session.exec(exec);
        } catch (SshTimeoutException e) {
            return Optional.of(
                    "ran longer than its timeout of " + script.timeout().toSeconds() + "s and was stopped");
        }
        if (result.isSuccess()) {
            return Optional.empty();
        }
        String ending = result.exitStatus().isPresent()
                ? "exited with status " + result.exitStatus().getAsInt()
                : result.exitSignal().map(s -> "was killed by signal " + s).orElse("ended without an exit status");
        // First line: how it ended and its last word (scripts end with one line saying why); then the tail.
        String tail = tail(result.stderr());
        List<String> lines = tail.lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        return Optional.of(ending + (last.isEmpty() ? "" : ": " + last) + (lines.size() > 1 ? "\n" + tail : ""));
    }

    /** The variables every script sees (see {@link ServiceScript}). */
    static Map<String, String> standardEnvironment(ServiceNode context, Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("THUNDER_CLUSTER", context.spec().name());
        env.put("THUNDER_ROLE", context.role().tagValue());
        env.put("THUNDER_INSTANCE_ID", context.node().instanceId());
        env.put("THUNDER_PRIVATE_IP", context.privateAddress());
        env.put("THUNDER_PUBLIC_IP", context.node().publicIp().orElse(""));
        env.put("THUNDER_MASTER_IP", context.masterAddress());
        env.put("THUNDER_SLAVES", Integer.toString(context.slaveCount()));
        env.put("THUNDER_HOME", "~/" + NODE_HOME);
        env.put("THUNDER_SERVICE_DIR", "~/" + NODE_HOME + "/services/" + service.name());
        return env;
    }

    /** Where {@code script} of {@code service} goes, relative to the home directory. */
    public static String path(Service service, ServiceScript script) {
        return NODE_HOME + "/services/" + service.name() + "/" + script.name();
    }

    /** The last lines of {@code stderr}, bounded. */
    static String tail(String stderr) {
        List<String> lines = stderr.strip().lines().filter(l -> !l.isBlank()).toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
        return tail.length() > ERROR_CHARS ? "…" + tail.substring(tail.length() - ERROR_CHARS) : tail;
    }

    /** A script a node runs in a step. */
    private record Planned(Service service, ServiceScript script) {}
}
