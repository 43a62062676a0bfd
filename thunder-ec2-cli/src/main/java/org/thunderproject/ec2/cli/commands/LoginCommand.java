package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.output.ProgressView;
import org.thunderproject.ec2.ssh.LocalForward;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code login NAME [--ssh-port-forwarding L:R]…}: an interactive shell on the master, with the
 * forwards open while it lasts; the remote shell's exit status is the command's.
 */
@Command(
        name = "login",
        description = {
            "Log in to the master: an interactive shell, as with ssh.",
            "",
            "On a terminal, the terminal is in raw mode for the session (Ctrl-C and Tab go",
            "to the remote shell) and restored afterwards. Each --ssh-port-forwarding",
            "LOCAL:REMOTE makes localhost:LOCAL here reach port REMOTE on the master while",
            "you are logged in (the shell there gets THUNDER_EC2_FORWARDS, so 'thunder'",
            "prints localhost:LOCAL). While you are logged in, port 8888 on NAME-master",
            "follows the notebook you set up there: setup-notebook opens it to your",
            "address, setup-notebook-sshtunnel closes it (a line says so).",
            "The exit code is the remote shell's ('exit 3' gives 3).",
            "-u and --ssh-port, if the cluster was launched with them, go before 'login'."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "N:the remote shell's exit status, once it started",
            "1:thunder-ec2 failed before the shell started (the message says what to do)",
            ExitCodes.USAGE_LINE
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem login mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem login mycluster \\",
            "      --ssh-port-forwarding 8888:8888"
        })
public final class LoginCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Option(
            names = "--ssh-port-forwarding",
            paramLabel = "LOCAL:REMOTE",
            converter = PortForwarding.Converter.class,
            description = "Forward localhost:LOCAL to port REMOTE on the master for the session; repeatable.")
    List<PortForwarding> forwardings = new ArrayList<>();

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster to log in to; checks the key file, touches no cloud. */
    ClusterSpec spec() {
        return IdentityFiles.require(target.context().spec(target.name(), keys, null), "login");
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        Terminal terminal = context.terminal();
        PrintWriter info = context.quiet() ? new PrintWriter(Writer.nullWriter()) : terminal.err();
        int status;
        try (ThunderEc2 thunder = context.connect()) {
            ClusterDescription description = Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(terminal));
            // The login holds the forwards, so the master's shell knows them (thunder prints localhost:L).
            LocalForward[] forwards = forwardings.stream()
                    .map(f -> LocalForward.of(f.localPort(), f.remotePort()))
                    .toArray(LocalForward[]::new);
            for (PortForwarding forwarding : forwardings) {
                info.println("Forwarding localhost:" + forwarding.localPort() + " to port " + forwarding.remotePort()
                        + " on the master while you are logged in.");
            }
            info.println("Logging in to the master of cluster '" + target.name() + "'"
                    + Clusters.masterHost(description)
                            .map(host -> " (" + host + ")")
                            .orElse("") + "...");
            info.flush();
            terminal.out().flush();
            try (NotebookPortWatcher watcher = NotebookPortWatcher.start(cluster, info, terminal.controllingTty())) {
                status = terminal.controllingTty()
                        ? onThisTerminal(cluster, forwards)
                        : cluster.login(terminal.bytesIn(), terminal.bytesOut(), forwards);
            }
        }
        if (status < 0) {
            throw new CommandFailure("the shell on the master of cluster '" + target.name()
                    + "' ended without an exit status" + " (the connection was lost?)");
        }
        return status;
    }

    private static int onThisTerminal(Cluster cluster, LocalForward... forwards) {
        Optional<LocalTty> guard = LocalTty.guard();
        try {
            return cluster.login(forwards);
        } finally {
            guard.ifPresent(LocalTty::close);
        }
    }
}
