package org.thunderproject.ec2.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.UsageException;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code notebook NAME --ssl | --ssh-tunnel}: the seed's two ways to the Jupyter notebook on the
 * master, each one command from here instead of steps on the master.
 */
@Command(
        name = "notebook",
        description = {
            "Set up and start the Jupyter notebook on the master (--ssl or --ssh-tunnel).",
            "",
            "The seed's two ways exclude each other; choosing one removes the other:",
            "",
            "--ssl: HTTPS on the master's address, port 8888, with a self-signed",
            "certificate (browsers warn) and a password; port 8888 is opened to the",
            "cluster's authorized addresses only. The password comes from --password-file",
            "(its first line), else one is generated and printed once, here. The server",
            "stays up after this command ends.",
            "",
            "--ssh-tunnel: plain HTTP on the master's loopback, reached through an SSH",
            "tunnel from localhost:--local-port; this command keeps the tunnel open until",
            "Ctrl-C (the server keeps running on the master for the next time).",
            "",
            "Either way, 'thunder' on the master afterwards starts (or finds) this notebook."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem notebook mycluster --ssl --password-file ~/nb.pass",
            "  thunder-ec2 -k mykey -i ~/mykey.pem notebook mycluster --ssh-tunnel --local-port 8888"
        })
public final class NotebookCommand implements Callable<Integer> {

    /** The seed's usual local port for the tunnel. */
    static final int DEFAULT_LOCAL_PORT = 8888;

    private static final Set<PosixFilePermission> OPEN_TO_OTHERS =
            Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    @Mixin
    ClusterName target;

    @Option(
            names = "--ssl",
            description = "HTTPS with a password on the master's port 8888 (the seed's setup-notebook).")
    boolean ssl;

    @Option(
            names = "--ssh-tunnel",
            description = "Through an SSH tunnel from this machine (the seed's setup-notebook-sshtunnel and login"
                    + " --ssh-port-forwarding).")
    boolean sshTunnel;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File whose first line is the notebook password (chmod 600). With --ssh-tunnel it replaces"
                    + " the token.")
    String passwordFile;

    @Option(
            names = "--local-port",
            paramLabel = "PORT",
            description = "With --ssh-tunnel: the port on this machine (default: " + DEFAULT_LOCAL_PORT
                    + "; 0 for any free one).")
    Integer localPort;

    @Option(
            names = "--remote-port",
            paramLabel = "PORT",
            description = "With --ssh-tunnel: the notebook's port on the master's loopback (default: "
                    + SshTunnelNotebook.DEFAULT_REMOTE_PORT + ").")
    Integer remotePort;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster; checks the key file, touches no cloud. */
    ClusterSpec spec() {
        return IdentityFiles.require(target.context().spec(target.name(), keys, null), "notebook");
    }

    /** The access the options ask for; reads the password file. */
    NotebookAccess access() {
        if (ssl == sshTunnel) {
            throw new UsageException("notebook: give exactly one of --ssl and --ssh-tunnel");
        }
        if (ssl && (localPort != null || remotePort != null)) {
            throw new UsageException("notebook: --local-port and --remote-port go with --ssh-tunnel; --ssl always uses"
                    + " the master's port " + SslNotebook.PORT);
        }
        Optional<String> password = Optional.ofNullable(passwordFile).map(this::readPassword);
        if (ssl) {
            return password.map(SslNotebook::withPassword).orElseGet(SslNotebook::withGeneratedPassword);
        }
        int local = localPort == null ? DEFAULT_LOCAL_PORT : localPort;
        if (local < 0 || local > 65535) {
            throw new UsageException("--local-port: " + local + " is not a port (0 to 65535; 0 for any free one)");
        }
        SshTunnelNotebook tunnel = SshTunnelNotebook.onLocalPort(local);
        if (remotePort != null) {
            if (remotePort < 1 || remotePort > 65535) {
                throw new UsageException("--remote-port: " + remotePort + " is not a port (1 to 65535)");
            }
            tunnel = tunnel.remotePort(remotePort);
        }
        return password.map(tunnel::withPassword).orElse(tunnel);
    }

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        NotebookAccess access = access();
        Terminal terminal = context.terminal();
        PrintWriter out = terminal.out();
        PrintWriter info = context.quiet() ? new PrintWriter(Writer.nullWriter()) : terminal.err();
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec);
            Notebook notebook;
            try (ProgressView progress = context.progress()) {
                notebook = cluster.addListener(progress).openNotebook(access);
                cluster.removeListener(progress);
            }
            try (notebook) {
                if (access instanceof SslNotebook) {
                    out.println("Notebook successfully set up! Go to " + notebook.url());
                    notebook.generatedPassword().ifPresent(p -> out.println("Password: " + p));
                    out.flush();
                    info.println(
                            "Your browser will warn about the notebook's self-signed certificate; accept it to go on.");
                    if (notebook.generatedPassword().isPresent()) {
                        info.println("The password is shown only this once (the master keeps only a hash of it).");
                    }
                    return ExitCodes.OK;
                }
                out.println("Notebook successfully set up! Go to " + notebook.url());
                out.flush();
                info.println(
                        "The SSH tunnel stays open until you press Ctrl-C; the notebook keeps running on the master.");
                info.flush();
                awaitInterruptOrClosed(notebook);
                throw new CommandFailure(
                        "the SSH tunnel to the notebook of cluster '" + target.name() + "' closed (the connection"
                                + " to the master was lost?): run the same command again to reopen it");
            } catch (InterruptedException e) {
                info.println("Tunnel closed; the notebook keeps running on the master ('"
                        + context.hints().command("notebook", target.name(), "--ssh-tunnel") + "' reaches it again).");
                return ExitCodes.OK;
            }
        }
    }

    /** Returns when the tunnel closed by itself; throws when Ctrl-C interrupted this thread. */
    private static void awaitInterruptOrClosed(Notebook notebook) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        while (notebook.isOpen()) {
            // Ctrl-C interrupts this thread (see ThunderEc2Command.main); between polls, check the tunnel.
            never.await(1, TimeUnit.SECONDS);
        }
    }

    private String readPassword(String file) {
        Path path = target.context().terminal().expand(file).toAbsolutePath().normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            if (!Files.getFileStore(path).supportsFileAttributeView("posix")
                    || Files.getPosixFilePermissions(path).stream().noneMatch(OPEN_TO_OTHERS::contains)) {
                return firstLine(lines, path);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(
                    "--password-file: cannot read " + path + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        }
        target.context()
                .terminal()
                .err()
                .println("warning: --password-file " + path + " is readable by other users;" + " 'chmod 600 " + path
                        + "' keeps the notebook password yours");
        return firstLine(lines, path);
    }

    private static String firstLine(List<String> lines, Path path) {
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new UsageException(
                    "--password-file: the first line of " + path + " is empty; put the notebook" + " password there");
        }
        return lines.get(0);
    }
}
