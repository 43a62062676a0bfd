package org.thunderproject.ec2.internal.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterListener;
import org.thunderproject.ec2.ClusterNotFoundException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Interrupts;
import org.thunderproject.ec2.internal.ec2.ClusterLookup;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.LaunchPlan;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.ec2.SecurityGroups;
import org.thunderproject.ec2.internal.ec2.SubnetRecord;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;
import org.thunderproject.ec2.internal.nodes.KnownHostsCleanup;
import org.thunderproject.ec2.internal.nodes.NodeOperations;
import org.thunderproject.ec2.internal.nodes.TerminalLogin;
import org.thunderproject.ec2.internal.notebook.Notebooks;
import org.thunderproject.ec2.internal.nodes.SshConfigFile;
import org.thunderproject.ec2.internal.services.ApplicationSubmitter;
import org.thunderproject.ec2.internal.services.SparkUrls;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.ShellOptions;
import org.thunderproject.ec2.ssh.SshCommandLine;

/** The {@link Cluster} handle: each operation reads what exists, then does only what is needed. */
public final class Ec2Cluster implements Cluster {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2Cluster.class);
  /** Rounds of terminate-and-look-again in destroy(), for nodes that appear late (an in-flight launch). */
  private static final int DESTROY_ROUNDS = 3;

  private final ClusterSpec spec;
  private final EngineServices services;
  private final String region;
  private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();

  /** A handle on {@code spec}'s cluster. */
  public Ec2Cluster(ClusterSpec spec, EngineServices services) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.services = Objects.requireNonNull(services, "services");
    this.region = spec.region().orElse(services.defaultRegion());
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public ClusterDescription launch() {
    return launch(services.engine().lastPhase());
  }

  @Override
  public ClusterDescription launch(LaunchPhase lastPhase) {
    Objects.requireNonNull(lastPhase, "lastPhase");
    return sshConfig(operation("launch", (ec2, events, op) -> runStages(ec2, events, op,
        "key file, key pair, name, network, image, addresses", () -> lookup(ec2),
        (preflight, existing) -> {
          preflight.checkNameFree(spec, existing);
          return spec;
        }, lastPhase)));
  }

  @Override
  public ClusterDescription resume() {
    return resume(services.engine().lastPhase());
  }

  @Override
  public ClusterDescription resume(LaunchPhase lastPhase) {
    Objects.requireNonNull(lastPhase, "lastPhase");
    return sshConfig(operation("resume", (ec2, events, op) -> runStages(ec2, events, op,
        "key file, key pair, what exists, network, image, addresses", () -> lookup(ec2),
        (preflight, existing) -> {
          if (!existing.exists()) {
            throw new ClusterNotFoundException(spec.name(), ec2.region());
          }
          return spec;
        }, lastPhase)));
  }

  @Override
  public ClusterDescription stop() {
    return stop(SpotSlaves.REFUSE);
  }

  @Override
  public ClusterDescription stop(SpotSlaves spotSlaves) {
    Objects.requireNonNull(spotSlaves, "spotSlaves");
    return sshConfig(operation("stop", (ec2, events, op) -> {
      Inventory inventory = requireNodes(ec2, "stop");
      List<NodeRecord> spot = inventory.present(NodeRole.SLAVE).stream().filter(n -> n.instance().spot()).toList();
      if (!spot.isEmpty() && spotSlaves == SpotSlaves.REFUSE) {
        throw new ClusterStateException("cluster '" + spec.name() + "' has " + spot.size() + " spot slave(s), which EC2"
            + " cannot stop: use stop(SpotSlaves.TERMINATE) to terminate them and stop the rest (resume() launches"
            + " new slaves later), or destroy() the cluster");
      }
      events.warning("stopping cluster '" + spec.name() + "': data on instance-store volumes (scratch disks such as"
          + " /mnt) is lost; EBS volumes, the root volume included, are kept");
      Set<String> spotIds = spot.stream().map(NodeRecord::id).collect(Collectors.toSet());
      Set<String> stopIds = inventory.present().stream().map(NodeRecord::id).filter(id -> !spotIds.contains(id))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      NodeWaiter waiter = waiter(ec2, events, op);
      Inventory stopped = events.step(Step.STOP_INSTANCES, stopIds.size() + " node(s)"
          + (spotIds.isEmpty() ? "" : ", terminating " + spotIds.size() + " spot slave(s)"), () -> {
            if (!spotIds.isEmpty()) {
              new SecurityGroups(ec2).rotateLaunchId(inventory);
              ec2.terminate(spotIds);
            }
            // Pending instances cannot be stopped yet: let them reach running first.
            Inventory settled = waiter.await("pending nodes to run", spec.readyTimeout(), "stop() again later", inv -> {
              long pending = inv.present().stream().filter(n -> stopIds.contains(n.id()) && n.state() == NodeState.PENDING).count();
              return pending == 0 ? Optional.empty() : Optional.of(pending + " node(s) still pending");
            });
            List<String> running = settled.present().stream()
                .filter(n -> stopIds.contains(n.id()) && n.state() == NodeState.RUNNING).map(NodeRecord::id).toList();
            ec2.stop(running);
            return waiter.await("all nodes stopped", spec.readyTimeout(), "stop() again waits for them", inv -> {
              long notStopped = inv.live().stream().filter(n -> stopIds.contains(n.id()) && n.state() != NodeState.STOPPED).count();
              long spotLeft = inv.live().stream().filter(n -> spotIds.contains(n.id())).count();
              return notStopped == 0 ? Optional.empty()
                  : Optional.of(notStopped + " node(s) not yet stopped" + (spotLeft > 0 ? ", " + spotLeft + " spot slave(s) terminating" : ""));
            });
          });
      return stopped.describe();
    }));
  }

  @Override
  public ClusterDescription start() {
    return start(services.engine().lastPhase());
  }

  @Override
  public ClusterDescription start(LaunchPhase lastPhase) {
    Objects.requireNonNull(lastPhase, "lastPhase");
    if (lastPhase.compareTo(LaunchPhase.SSH_READY) >= 0) {
      ClusterSsh.identity(spec); // before any node starts: start() ends with SSH
    }
    return sshConfig(operation("start", (ec2, events, op) -> {
      Inventory inventory = requireNodes(ec2, "start");
      LaunchPlan plan = new LaunchPlan(spec.keyName().orElse(""), "", "", List.of(), List.of(), Optional.empty(),
          expectPublicIp(ec2));
      LaunchContext ctx = new LaunchContext(spec, ec2, events, services, plan, op, inventory);
      InfrastructureStage.startStopped(ctx, inventory);
      Set<String> ids = ctx.inventory().present().stream().map(NodeRecord::id).collect(Collectors.toCollection(LinkedHashSet::new));
      Inventory running = InfrastructureStage.awaitRunning(ctx, ids);
      int missing = spec.slaves() - running.present(NodeRole.SLAVE).size();
      if (running.master().isEmpty() || missing > 0) {
        events.warning("cluster '" + spec.name() + "' lacks " + (running.master().isEmpty() ? "its master" : "")
            + (running.master().isEmpty() && missing > 0 ? " and " : "") + (missing > 0 ? missing + " slave(s)" : "")
            + " (terminated spot slaves?): resume() launches them");
      }
      services.engine().runAfterStart(ctx, lastPhase);
      NotebookPortSync.afterServices(ctx, services.callerAddress(), lastPhase);
      return ctx.inventory().describe();
    }));
  }

  @Override
  public void destroy() {
    operation("destroy", (ec2, events, op) -> {
      Inventory inventory = lookup(ec2);
      if (!inventory.exists()) {
        LOG.info("cluster '{}' does not exist in {}; nothing to destroy", spec.name(), ec2.region());
        return null;
      }
      NodeWaiter waiter = waiter(ec2, events, op);
      SecurityGroups groups = new SecurityGroups(ec2);
      Inventory current = inventory;
      for (int round = 0; round < DESTROY_ROUNDS && !current.live().isEmpty(); round++) {
        Inventory target = current;
        current = events.step(Step.TERMINATE_INSTANCES, target.live().size() + " node(s)", () -> terminate(ec2, groups, waiter, target));
      }
      KnownHostsCleanup.forget(services.homeDirectory(), current.nodes().stream().filter(n -> n.state().isGone()).map(NodeRecord::id).toList());
      if (!current.live().isEmpty()) {
        throw new ClusterStateException("cluster '" + spec.name() + "' keeps getting new nodes while being destroyed"
            + " (another launch or resume is running?): stop it, then destroy() again");
      }
      Inventory remaining = current;
      if (!remaining.groupIds().isEmpty()) {
        events.step(Step.DELETE_SECURITY_GROUPS, String.join(", ", remaining.groupIds()),
            () -> groups.delete(remaining, services.pollInterval(), spec.readyTimeout(), op));
      }
      SshConfigFile.in(services.homeDirectory()).forget(spec.name(), ec2.region());
      return null;
    });
  }

  private Inventory terminate(Ec2Gateway ec2, SecurityGroups groups, NodeWaiter waiter, Inventory target) {
    groups.rotateLaunchId(target);
    Set<String> ids = target.live().stream().map(NodeRecord::id).collect(Collectors.toCollection(LinkedHashSet::new));
    ec2.terminate(ids);
    return waiter.await("all nodes terminated", spec.readyTimeout(), "destroy() again waits for them", inv -> {
      long left = inv.live().stream().filter(n -> ids.contains(n.id())).count();
      return left == 0 ? Optional.empty() : Optional.of(left + " of " + ids.size() + " node(s) still shutting down");
    });
  }

  @Override
  public ClusterDescription describe() {
    return operation("describe", (ec2, events, op) -> lookup(ec2).describe());
  }

  @Override
  public Node master() {
    return operation("master", (ec2, events, op) -> {
      Inventory inventory = requireExisting(ec2);
      return inventory.master().map(NodeRecord::toNode).orElseThrow(() -> new ClusterStateException("cluster '"
          + spec.name() + "' has no master (" + inventory.state() + "): resume() launches it, destroy() removes the rest"));
    });
  }

  @Override
  public List<Node> slaves() {
    return operation("slaves", (ec2, events, op) -> requireExisting(ec2).describe().slaves());
  }

  @Override
  public ClusterDescription addSlaves(int count) {
    return addSlaves(count, services.engine().lastPhase());
  }

  @Override
  public ClusterDescription addSlaves(int count, LaunchPhase lastPhase) {
    Objects.requireNonNull(lastPhase, "lastPhase");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, not " + count);
    }
    return sshConfig(operation("addSlaves", (ec2, events, op) -> runStages(ec2, events, op,
        "key file, key pair, running cluster, network, image", () -> requireNodes(ec2, "add slaves to"),
        (preflight, existing) -> {
          if (existing.state() != ClusterState.RUNNING) {
            throw new ClusterStateException("cluster '" + spec.name() + "' is " + existing.state() + ", not running: "
                + (existing.state() == ClusterState.STOPPED ? "start() it" : "resume() it") + " before adding slaves");
          }
          return grown(existing.present(NodeRole.SLAVE).size() + count);
        }, lastPhase)));
  }

  /**
   * The common path of launch, resume and addSlaves: preflight (keys, what exists, then
   * {@code target}, which checks it and says which spec to launch toward), then the launch
   * stages up to {@code lastPhase}.
   */
  private ClusterDescription runStages(Ec2Gateway ec2, EventSink events, String op, String detail,
      Supplier<Inventory> existing, BiFunction<Preflight, Inventory, ClusterSpec> target, LaunchPhase lastPhase) {
    Preflight preflight = new Preflight(ec2, services.callerAddress(), events);
    Prepared prepared = events.step(Step.PREFLIGHT, detail, () -> {
      String keyName = preflight.checkKeys(spec);
      Inventory found = existing.get();
      ClusterSpec wanted = target.apply(preflight, found);
      return new Prepared(wanted, preflight.plan(wanted, keyName), found);
    });
    LaunchContext ctx = new LaunchContext(prepared.spec(), ec2, events, services, prepared.plan(), op,
        prepared.inventory());
    services.engine().run(ctx, lastPhase);
    NotebookPortSync.afterServices(ctx, services.callerAddress(), lastPhase);
    return ctx.inventory().describe();
  }

  private ClusterSpec grown(int slaves) {
    return spec.toBuilder().slaves(slaves).build();
  }

  @Override
  public ClusterDescription removeSlaves(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, not " + count);
    }
    return sshConfig(operation("removeSlaves", (ec2, events, op) -> {
      Inventory inventory = requireNodes(ec2, "remove slaves from");
      List<NodeRecord> slaves = inventory.present(NodeRole.SLAVE);
      if (count >= slaves.size()) {
        throw new ClusterStateException("cluster '" + spec.name() + "' has " + slaves.size() + " slave(s): removing "
            + count + " would leave none, and a cluster keeps at least one"
            + (slaves.size() > 1 ? " (removeSlaves(" + (slaves.size() - 1) + ") at most)" : "")
            + "; destroy() removes the whole cluster");
      }
      List<NodeRecord> newest = slaves.stream()
          .sorted(Comparator.comparing((NodeRecord n) -> n.instance().launchTime()).thenComparing(Inventory.LAUNCH_ORDER)
              .reversed())
          .limit(count).toList();
      Set<String> ids = newest.stream().map(NodeRecord::id).collect(Collectors.toCollection(LinkedHashSet::new));
      NodeWaiter waiter = waiter(ec2, events, op);
      Inventory after = events.step(Step.REMOVE_SLAVES, count + " slave(s): " + String.join(", ", ids), () -> {
        // New generation: a later launch of replacements must not reuse the tokens of these.
        new SecurityGroups(ec2).rotateLaunchId(inventory);
        ec2.terminate(ids);
        return waiter.await("removed slaves terminated", spec.readyTimeout(), "removeSlaves() again waits for them",
            inv -> {
              long left = inv.live().stream().filter(n -> ids.contains(n.id())).count();
              return left == 0 ? Optional.empty() : Optional.of(left + " of " + ids.size() + " slave(s) still shutting down");
            });
      });
      KnownHostsCleanup.forget(services.homeDirectory(), ids);
      return after.describe();
    }));
  }

  @Override
  public List<CommandResult> run(String command) {
    return run(command, NodeSelector.ALL);
  }

  @Override
  public List<CommandResult> run(String command, NodeSelector nodes) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(nodes, "nodes");
    return nodeOperation("run", ops -> ops.run(command, nodes));
  }

  @Override
  public void copy(Path local, String remotePath) {
    copy(local, remotePath, NodeSelector.ALL);
  }

  @Override
  public void copy(Path local, String remotePath, NodeSelector nodes) {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remotePath, "remotePath");
    Objects.requireNonNull(nodes, "nodes");
    if (!Files.exists(local)) {
      throw new IllegalArgumentException("nothing to copy: " + local + " does not exist");
    }
    nodeOperation("copy", ops -> {
      ops.copy(local, remotePath, nodes);
      return null;
    });
  }

  @Override
  public PortForward forward(int localPort, int remotePort) {
    return forward(LocalForward.of(localPort, remotePort));
  }

  @Override
  public PortForward forward(LocalForward forward) {
    Objects.requireNonNull(forward, "forward");
    return nodeOperation("forward", ops -> ops.forward(forward));
  }

  @Override
  public SparkConnect sparkConnect() {
    return sparkConnect(0);
  }

  @Override
  public SparkConnect sparkConnect(int localPort) {
    LocalForward.of(localPort, spec.sparkConnectPort()); // checks the port before any request
    return nodeOperation("sparkConnect", ops -> ops.sparkConnect(localPort, spec.sparkConnectPort()));
  }

  @Override
  public CommandResult submit(Path application, SubmitOptions options) {
    ApplicationSubmitter.check(application, options);
    return nodeOperation("submit", ops -> ops.submit(application, options));
  }

  @Override
  public int login() {
    return nodeOperation("login", ops -> TerminalLogin.run(options -> ops.login(System.in, System.out, options)));
  }

  @Override
  public int login(LocalForward... forwards) {
    List<LocalForward> open = List.of(forwards);
    return nodeOperation("login", ops -> TerminalLogin.run(options -> ops.login(System.in, System.out,
        options.withForwards(open))));
  }

  @Override
  public NotebookPort syncNotebookPort() {
    return operation("syncNotebookPort", (ec2, events, op) -> new Notebooks(spec, ec2, requireNodes(ec2,
        "syncNotebookPort"), ClusterSsh.create(spec, services.homeDirectory(), ec2, events::warning),
        services.callerAddress()).syncPort());
  }

  @Override
  public int login(InputStream in, OutputStream out, LocalForward... forwards) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    ShellOptions options = ShellOptions.defaults().withForwards(List.of(forwards));
    return nodeOperation("login", ops -> ops.login(in, out, options));
  }

  @Override
  public SshCommandLine sshCommand() {
    return nodeOperation("sshCommand", NodeOperations::sshCommand);
  }

  private <T> T nodeOperation(String verb, Function<NodeOperations, T> body) {
    return operation(verb, (ec2, events, op) -> {
      Inventory inventory = requireNodes(ec2, verb);
      ClusterSsh ssh = ClusterSsh.create(spec, services.homeDirectory(), ec2, events::warning);
      return body.apply(new NodeOperations(spec.name(), inventory, ssh));
    });
  }

  @Override
  public String masterUrl() {
    return SparkUrls.masterUrl(runningMaster());
  }

  @Override
  public URI webUiUrl() {
    return SparkUrls.webUiUrl(runningMaster());
  }

  private Node runningMaster() {
    Node master = master();
    if (master.state() != NodeState.RUNNING) {
      throw new ClusterStateException("the master of cluster '" + spec.name() + "' is " + master.state().ec2Name()
          + ": start() the cluster first");
    }
    return master;
  }

  @Override
  public Notebook openNotebook(NotebookAccess access) {
    Objects.requireNonNull(access, "access");
    return notebookOperation("openNotebook", Step.OPEN_NOTEBOOK, access.toString(), notebooks -> notebooks.open(access));
  }

  @Override
  public void closeNotebook() {
    notebookOperation("closeNotebook", Step.CLOSE_NOTEBOOK, "stop the server, remove its files and port 8888's rule",
        notebooks -> {
          notebooks.close();
          return null;
        });
  }

  private <T> T notebookOperation(String verb, Step step, String detail, Function<Notebooks, T> body) {
    return operation(verb, (ec2, events, op) -> {
      Inventory inventory = requireNodes(ec2, verb);
      ClusterSsh ssh = ClusterSsh.create(spec, services.homeDirectory(), ec2, events::warning);
      return events.step(step, detail,
          () -> body.apply(new Notebooks(spec, ec2, inventory, ssh, services.callerAddress())));
    });
  }

  @Override
  public Cluster addListener(ClusterListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public Cluster removeListener(ClusterListener listener) {
    listeners.remove(listener);
    return this;
  }

  @Override
  public String toString() {
    return "Cluster(" + spec.name() + " in " + region + ")";
  }

  /** Keeps {@code ssh NAME} current with what the operation left (see {@link SshConfigFile}). */
  private ClusterDescription sshConfig(ClusterDescription cluster) {
    return SshConfigFile.in(services.homeDirectory()).refresh(spec, cluster);
  }

  private Inventory lookup(Ec2Gateway ec2) {
    return new ClusterLookup(ec2).find(spec.name(), spec.vpcId());
  }

  private Inventory requireExisting(Ec2Gateway ec2) {
    Inventory inventory = lookup(ec2);
    if (!inventory.exists()) {
      throw new ClusterNotFoundException(spec.name(), ec2.region());
    }
    return inventory;
  }

  private Inventory requireNodes(Ec2Gateway ec2, String operation) {
    Inventory inventory = requireExisting(ec2);
    if (inventory.present().isEmpty()) {
      throw new ClusterStateException("cluster '" + spec.name() + "' has no nodes to " + operation
          + " (" + inventory.state() + "): resume() launches them, destroy() removes what is left");
    }
    return inventory;
  }

  private boolean expectPublicIp(Ec2Gateway ec2) {
    return spec.subnetId().flatMap(ec2::subnet).map(SubnetRecord::mapsPublicIp).orElse(true);
  }

  private NodeWaiter waiter(Ec2Gateway ec2, EventSink events, String op) {
    return new NodeWaiter(() -> lookup(ec2), events, services.pollInterval(), op);
  }

  /** The body of an operation. */
  @FunctionalInterface
  private interface Body<T> {
    T run(Ec2Gateway ec2, EventSink events, String operation);
  }

  private <T> T operation(String verb, Body<T> body) {
    String op = verb + " of cluster '" + spec.name() + "'";
    Ec2Gateway ec2 = services.gateways().apply(region);
    try (EventSink events = new EventSink(spec.name(), listeners)) {
      Interrupts.check(op);
      return body.run(ec2, events, op);
    } catch (OperationInterruptedException e) {
      String hint = verb.equals("destroy") ? "; destroy() again finishes it"
          : verb.equals("launch") || verb.equals("resume") ? "; resume() completes the cluster, destroy() removes it"
          : verb.equals("addSlaves") ? "; the slaves requested so far stay (describe() shows them): resume() waits for"
              + " them, removeSlaves() removes them"
          : "; " + verb + "() again finishes it";
      InterruptedException cause = e.getCause() instanceof InterruptedException i ? i : new InterruptedException();
      throw new OperationInterruptedException(op + " was interrupted" + hint, cause);
    }
  }

  /** What preflight hands to the phases. */
  private record Prepared(ClusterSpec spec, LaunchPlan plan, Inventory inventory) {}
}
