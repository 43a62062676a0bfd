package org.thunderproject.ec2.internal.notebook;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.PreflightException;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.ServiceStep;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.GroupRecord;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.ec2.Rule;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;
import org.thunderproject.ec2.internal.nodes.SshFailures;
import org.thunderproject.ec2.internal.services.BuiltInServices;
import org.thunderproject.ec2.internal.services.Shell;
import org.thunderproject.ec2.internal.services.SparkUrls;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;

/**
 * Sets up the notebook on a cluster's master in one of the two {@link NotebookAccess} modes, with
 * {@code notebook.sh} over SSH, and keeps port 8888's ingress rule in step: on {@code NAME-master}
 * to the authorized CIDRs while the SSL notebook is open, nowhere otherwise. Secrets go to the
 * master only on a command's stdin; nothing here logs them.
 */
public final class Notebooks {
    private static final Logger LOG = LoggerFactory.getLogger(Notebooks.class);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final String LOOPBACK = "127.0.0.1";
    /** Where notebook.sh writes the mode ({@code ssl} or {@code tunnel}), relative to the home directory. */
    private static final String MODE_FILE = ".thunder-ec2/notebook/mode";

    private final ClusterSpec spec;
    private final Ec2Gateway ec2;
    private final Inventory inventory;
    private final ClusterSsh ssh;
    private final CallerAddress callerAddress;

    /** Notebooks of the cluster {@code inventory} shows. */
    public Notebooks(
            ClusterSpec spec, Ec2Gateway ec2, Inventory inventory, ClusterSsh ssh, CallerAddress callerAddress) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.ssh = Objects.requireNonNull(ssh, "ssh");
        this.callerAddress = Objects.requireNonNull(callerAddress, "callerAddress");
    }

    /** Sets up {@code access} (removing the other mode), starts the server and returns the handle. */
    public Notebook open(NotebookAccess access) {
        Objects.requireNonNull(access, "access");
        NodeRecord master = runningMaster();
        if (access instanceof SslNotebook ssl) {
            List<String> cidrs = authorizedCidrs();
            OpenNotebook notebook = onMaster(master, session -> openSsl(session, master, ssl));
            allowOnlyFrom(cidrs);
            return notebook;
        }
        SshTunnelNotebook tunnel = (SshTunnelNotebook) access;
        allowOnlyFrom(List.of());
        return onMaster(master, session -> openTunnel(session, master, tunnel));
    }

    /**
     * Reads the master's notebook mode (its marker file, over SSH) and makes port 8888's rule match
     * it: open to the authorized CIDRs for SSL, closed otherwise.
     */
    public NotebookPort syncPort() {
        NodeRecord master = runningMaster();
        NotebookPort.Mode mode = onMaster(master, Notebooks::readMode);
        List<String> cidrs = mode == NotebookPort.Mode.SSL ? authorizedCidrs() : List.of();
        return new NotebookPort(mode, cidrs, allowOnlyFrom(cidrs));
    }

    private static NotebookPort.Mode readMode(SshSession session) {
        String mode;
        try {
            mode = new String(session.readFile(MODE_FILE), StandardCharsets.UTF_8).strip();
        } catch (SshException e) {
            return NotebookPort.Mode.NONE; // no marker: no notebook (or not provisioned yet)
        }
        return switch (mode) {
            case "ssl" -> NotebookPort.Mode.SSL;
            case "tunnel" -> NotebookPort.Mode.TUNNEL;
            default -> NotebookPort.Mode.NONE;
        };
    }

    /** Stops the server, deletes its configuration, certificate and log, and revokes port 8888's rules. */
    public void close() {
        NodeRecord master = runningMaster();
        onMaster(master, session -> {
            uploadScript(session);
            script(session, master, ServiceStep.START, "remove", Map.of(), Optional.empty());
            return null;
        });
        allowOnlyFrom(List.of());
    }

    private OpenNotebook openSsl(SshSession session, NodeRecord master, SslNotebook ssl) {
        uploadScript(session);
        String status = status(session, master);
        String password = ssl.password().orElse(null);
        String generated = null;
        boolean reuse = password != null && status.startsWith("ssl ") && checkPassword(session, password);
        if (!reuse) {
            if (password == null) {
                password = generated = Secrets.password();
            }
            script(
                    session,
                    master,
                    ServiceStep.CONFIGURE,
                    "configure ssl",
                    Map.of(
                            "NOTEBOOK_IP", privateAddress(master),
                            "NOTEBOOK_PORT", Integer.toString(ssl.remotePort()),
                            "NOTEBOOK_CERT_NAMES", BuiltInServices.certNames(master.toNode())),
                    Optional.of(password + "\n\n"));
        }
        script(session, master, ServiceStep.START, "start", Map.of(), Optional.empty());
        URI url = URI.create("https://" + SparkUrls.reachableAddress(master.toNode()) + ":" + ssl.remotePort() + "/");
        LOG.info("{}: SSL notebook at {}", spec.name(), url);
        return new OpenNotebook(url, ssl, generated, null);
    }

    private OpenNotebook openTunnel(SshSession session, NodeRecord master, SshTunnelNotebook tunnel) {
        uploadScript(session);
        String status = status(session, master);
        String password = tunnel.password().orElse(null);
        String token = null;
        boolean reuse = false;
        if (status.startsWith("tunnel ") && endpointPort(session).equals(Optional.of(tunnel.remotePort()))) {
            if (password != null) {
                reuse = checkPassword(session, password);
            } else {
                token = readToken(session).orElse(null);
                reuse = token != null;
            }
        }
        if (!reuse) {
            token = password == null ? Secrets.token() : null;
            script(
                    session,
                    master,
                    ServiceStep.CONFIGURE,
                    "configure tunnel",
                    Map.of("NOTEBOOK_IP", LOOPBACK, "NOTEBOOK_PORT", Integer.toString(tunnel.remotePort())),
                    Optional.of((password == null ? "" : password) + "\n" + (token == null ? "" : token) + "\n"));
        }
        script(session, master, ServiceStep.START, "start", Map.of(), Optional.empty());
        PortForward forward;
        try {
            forward = ssh.ssh()
                    .forward(
                            ssh.pinnedTarget(master),
                            LocalForward.of(LocalForward.LOOPBACK, tunnel.localPort(), LOOPBACK, tunnel.remotePort()));
        } catch (SshException e) {
            throw ssh.translate(master, e);
        }
        URI url =
                URI.create("http://localhost:" + forward.localPort() + "/" + (token == null ? "" : "?token=" + token));
        LOG.info("{}: notebook through an SSH tunnel at http://localhost:{}/", spec.name(), forward.localPort());
        return new OpenNotebook(url, tunnel, null, forward);
    }

    private void uploadScript(SshSession session) {
        session.writeFile(
                BuiltInServices.notebookScriptPath(),
                BuiltInServices.notebookScript().content(),
                0755);
    }

    private String status(SshSession session, NodeRecord master) {
        return script(session, master, ServiceStep.START, "status", Map.of(), Optional.empty())
                .stdout()
                .strip();
    }

    private boolean checkPassword(SshSession session, String password) {
        return session.exec(command("check-password", Map.of()).withStdin(password + "\n"))
                .isSuccess();
    }

    private Optional<String> readToken(SshSession session) {
        try {
            String token = new String(session.readFile(".thunder-ec2/notebook/token"), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (SshException e) {
            return Optional.empty();
        }
    }

    private Optional<Integer> endpointPort(SshSession session) {
        try {
            String[] endpoint = new String(session.readFile(".thunder-ec2/notebook/endpoint"), StandardCharsets.UTF_8)
                    .strip()
                    .split("\\s+");
            return endpoint.length == 3 ? Optional.of(Integer.parseInt(endpoint[2])) : Optional.empty();
        } catch (SshException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Exec command(String arguments, Map<String, String> env) {
        return Exec.of(Shell.runScript(BuiltInServices.notebookScriptPath(), env, List.of(arguments.split(" "))))
                .withTimeout(SCRIPT_TIMEOUT);
    }

    /** Runs {@code notebook.sh ARGUMENTS}; a failure is a {@link ServiceException} naming the master. */
    private ExecResult script(
            SshSession session,
            NodeRecord master,
            ServiceStep step,
            String arguments,
            Map<String, String> env,
            Optional<String> stdin) {
        Exec exec = command(arguments, env);
        if (stdin.isPresent()) {
            exec = exec.withStdin(stdin.get());
        }
        ExecResult result = session.exec(exec);
        if (!result.isSuccess()) {
            String tail = result.stderr().strip();
            throw new ServiceException(
                    "the notebook on master " + SshFailures.describe(master) + " failed: notebook.sh " + arguments
                            + " exited with status " + result.exitCode() + (tail.isEmpty() ? "" : ": " + tail),
                    "jupyter",
                    step,
                    List.of(master.id()));
        }
        return result;
    }

    private <T> T onMaster(NodeRecord master, SessionBody<T> body) {
        try (SshSession session = ssh.connect(master)) {
            return body.run(session);
        } catch (SshException e) {
            throw ssh.translate(master, e);
        }
    }

    /**
     * Makes port 8888's rules on {@code NAME-master} exactly {@code cidrs}; none on {@code
     * NAME-slaves}. Returns whether anything was authorized or revoked.
     */
    private boolean allowOnlyFrom(List<String> cidrs) {
        boolean changed = false;
        for (NodeRole role : NodeRole.values()) {
            Optional<GroupRecord> known = role == NodeRole.MASTER ? inventory.masterGroup() : inventory.slavesGroup();
            if (known.isEmpty()) {
                continue;
            }
            // The rules as they are now, not as the lookup saw them.
            GroupRecord group = ec2.groupsById(List.of(known.get().id())).stream()
                    .findFirst()
                    .orElse(known.get());
            Set<Rule> wanted = new LinkedHashSet<>();
            if (role == NodeRole.MASTER) {
                cidrs.forEach(cidr -> wanted.add(Rule.tcpFromCidr(SslNotebook.PORT, SslNotebook.PORT, cidr)));
            }
            Set<Rule> stale = new LinkedHashSet<>();
            for (Rule rule : group.ingress()) {
                if (rule.protocol().equals("tcp")
                        && rule.fromPort() == SslNotebook.PORT
                        && rule.toPort() == SslNotebook.PORT
                        && !wanted.remove(rule)) {
                    stale.add(rule);
                }
            }
            ec2.revoke(group.id(), stale);
            ec2.authorize(group.id(), wanted);
            changed |= !stale.isEmpty() || !wanted.isEmpty();
        }
        return changed;
    }

    private List<String> authorizedCidrs() {
        if (!spec.authorizedCidrs().isEmpty()) {
            return spec.authorizedCidrs();
        }
        InetAddress address;
        try {
            address = callerAddress.resolve();
        } catch (RuntimeException e) {
            throw new PreflightException("could not find your public address to open the notebook's port 8888 to ("
                    + e.getMessage() + "): set authorizedCidrs in the spec, such as 203.0.113.7/32");
        }
        return List.of(InetAddresses.toAddrString(address) + (address instanceof Inet6Address ? "/128" : "/32"));
    }

    private NodeRecord runningMaster() {
        NodeRecord master = inventory
                .master()
                .orElseThrow(() -> new ClusterStateException(
                        "cluster '" + spec.name() + "' has no master: resume() launches one"));
        if (master.state() != NodeState.RUNNING || master.instance().privateIp().isEmpty()) {
            throw new ClusterStateException("the master of cluster '" + spec.name() + "' is "
                    + master.state().ec2Name() + ": start() the cluster before opening a notebook");
        }
        return master;
    }

    private static String privateAddress(NodeRecord node) {
        return node.instance().privateIp().orElseThrow();
    }

    /** Work on a session to the master. */
    @FunctionalInterface
    private interface SessionBody<T> {
        T run(SshSession session);
    }
}
