package org.thunderproject.ec2.internal.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.internal.nodes.SshConfigFile;
import org.thunderproject.ec2.internal.services.ApplicationSubmitter;
import org.thunderproject.ec2.internal.services.SparkUrls;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.SshCommandLine;

/**
 * The {@link Cluster} handle: each method builds one operation and hands it to the engine
 * ({@link OperationRunner}); the bodies live in {@link LaunchOperations}, {@link TeardownOperations}
 * and the rooms below.
 */
public final class Ec2Cluster extends ClusterDefaults {
    private final EngineServices services;
    private final String region;
    private final OperationRunner engine;

    /** A handle on {@code spec}'s cluster. */
    public Ec2Cluster(ClusterSpec spec, EngineServices services) {
        super(spec, Objects.requireNonNull(services, "services").engine().lastPhase());
        this.services = services;
        this.region = spec.region().orElse(services.defaultRegion());
        this.engine = new OperationRunner(spec, services, region, listeners);
    }

    @Override
    public ClusterDescription launch(LaunchPhase lastPhase) {
        Objects.requireNonNull(lastPhase, "lastPhase");
        return sshConfig(engine.run("launch", scope -> LaunchOperations.launch(scope, lastPhase)));
    }

    @Override
    public ClusterDescription resume(LaunchPhase lastPhase) {
        Objects.requireNonNull(lastPhase, "lastPhase");
        return sshConfig(engine.run("resume", scope -> LaunchOperations.resume(scope, lastPhase)));
    }

    @Override
    public ClusterDescription stop(SpotSlaves spotSlaves) {
        Objects.requireNonNull(spotSlaves, "spotSlaves");
        return sshConfig(engine.run("stop", scope -> TeardownOperations.stop(scope, spotSlaves)));
    }

    @Override
    public ClusterDescription start(LaunchPhase lastPhase) {
        Objects.requireNonNull(lastPhase, "lastPhase");
        LaunchOperations.checkIdentityForStart(spec, lastPhase); // before any node starts: start() ends with SSH
        return sshConfig(engine.run("start", scope -> LaunchOperations.start(scope, lastPhase)));
    }

    @Override
    public void destroy() {
        engine.run("destroy", TeardownOperations::destroy);
    }

    @Override
    public ClusterDescription describe() {
        return engine.run("describe", scope -> scope.lookup().describe());
    }

    @Override
    public Node master() {
        return engine.run("master", NodeAccess::master);
    }

    @Override
    public List<Node> slaves() {
        return engine.run("slaves", scope -> scope.requireExisting().describe().slaves());
    }

    @Override
    public ClusterDescription addSlaves(int count, LaunchPhase lastPhase) {
        Objects.requireNonNull(lastPhase, "lastPhase");
        requireCount(count);
        return sshConfig(engine.run("addSlaves", scope -> LaunchOperations.addSlaves(scope, count, lastPhase)));
    }

    @Override
    public ClusterDescription removeSlaves(int count) {
        requireCount(count);
        return sshConfig(engine.run("removeSlaves", scope -> TeardownOperations.removeSlaves(scope, count)));
    }

    @Override
    public List<CommandResult> run(String command, NodeSelector nodes) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(nodes, "nodes");
        return engine.run("run", scope -> NodeAccess.nodes(scope, "run").run(command, nodes));
    }

    @Override
    public void copy(Path local, String remotePath, NodeSelector nodes) {
        engine.run("copy", scope -> NodeAccess.copy(scope, local, remotePath, nodes));
    }

    @Override
    public PortForward forward(LocalForward forward) {
        Objects.requireNonNull(forward, "forward");
        return engine.run("forward", scope -> NodeAccess.nodes(scope, "forward").forward(forward));
    }

    @Override
    public SparkConnect sparkConnect(int localPort) {
        LocalForward.of(localPort, spec.sparkConnectPort()); // checks the port before any request
        return engine.run("sparkConnect", scope -> NodeAccess.nodes(scope, "sparkConnect")
                .sparkConnect(localPort, spec.sparkConnectPort()));
    }

    @Override
    public CommandResult submit(Path application, SubmitOptions options) {
        ApplicationSubmitter.check(application, options);
        return engine.run("submit", scope -> NodeAccess.submit(scope, application, options));
    }

    @Override
    public int login(LocalForward... forwards) {
        List<LocalForward> open = List.of(forwards);
        return engine.run("login", scope -> NodeAccess.terminalLogin(scope, open));
    }

    @Override
    public NotebookPort syncNotebookPort() {
        return engine.run("syncNotebookPort", NodeAccess::syncNotebookPort);
    }

    @Override
    public int login(InputStream in, OutputStream out, LocalForward... forwards) {
        return engine.run("login", scope -> NodeAccess.login(scope, in, out, forwards));
    }

    @Override
    public void autostop(Optional<Duration> idle, AutostopAction action) {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(action, "action");
        // The spec's rules, before anything is touched.
        idle.ifPresent(d -> spec.toBuilder().autostop(d).autostopAction(action).build());
        engine.run("autostop", scope -> AutostopOperations.autostop(scope, spec, idle, action));
    }

    @Override
    public Optional<IdleStatus> idleStatus() {
        return engine.run("idleStatus", AutostopOperations::idleStatus);
    }

    @Override
    public SshCommandLine sshCommand() {
        return engine.run(
                "sshCommand", scope -> NodeAccess.nodes(scope, "sshCommand").sshCommand());
    }

    @Override
    public String masterUrl() {
        return SparkUrls.masterUrl(engine.run("masterUrl", NodeAccess::runningMaster));
    }

    @Override
    public URI webUiUrl() {
        return SparkUrls.webUiUrl(engine.run("webUiUrl", NodeAccess::runningMaster));
    }

    @Override
    public Notebook openNotebook(NotebookAccess access) {
        Objects.requireNonNull(access, "access");
        return engine.run("openNotebook", scope -> NodeAccess.openNotebook(scope, access));
    }

    @Override
    public void closeNotebook() {
        engine.run("closeNotebook", NodeAccess::closeNotebook);
    }

    @Override
    public String toString() {
        return "Cluster(" + spec.name() + " in " + region + ")";
    }

    /** Keeps {@code ssh NAME} current with what the operation left (see {@link SshConfigFile}). */
    private ClusterDescription sshConfig(ClusterDescription cluster) {
        return SshConfigFile.in(services.homeDirectory()).refresh(spec, cluster);
    }
}
