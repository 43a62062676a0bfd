package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
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
import picocli.CommandLine.Parameters;

/**
 * {@code run-command NAME CMD…} (Flintrock's): runs a shell command on every node (or the master)
 * in parallel and prints each node's output, prefixed with its role and address.
 */
@Command(
        name = "run-command",
        description = {
            "Run a shell command on every node (or only the master) in parallel.",
            "",
            "Each node's output is printed with its role and address in front (stdout to",
            "stdout, stderr to stderr), master first. The words of CMD are joined with",
            "spaces and run by the login user's shell; quote them or put '--' before CMD",
            "when it has options thunder-ec2 also knows (like -v). Exit code 1 when the",
            "command failed on any node. Commands show up in the nodes' process lists:",
            "never put secrets in them."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem run-command mycluster 'df -h /'",
            "  thunder-ec2 -k mykey -i ~/mykey.pem run-command mycluster --master-only -- ls -l"
        })
public final class RunCommandCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    @Option(names = "--master-only", description = "Run it on the master only.")
    boolean masterOnly;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster to run on; checks the key file, touches no cloud. */
    ClusterSpec spec() {
        return IdentityFiles.require(target.context().spec(target.name(), keys, null), "run-command");
    }

    /** The command line the nodes' shells run. */
    String commandLine() {
        String joined = String.join(" ", command);
        if (joined.isBlank()) {
            throw new UsageException("run-command: the command is empty");
        }
        return joined;
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        String commandLine = commandLine();
        Terminal terminal = context.terminal();
        List<CommandResult> results;
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(terminal));
            results = cluster.run(commandLine, masterOnly ? NodeSelector.MASTER : NodeSelector.ALL);
        }
        PrintWriter out = terminal.out();
        PrintWriter err = terminal.err();
        long failed = 0;
        for (CommandResult result : results) {
            String prefix = "[" + prefix(result) + "] ";
            result.stdout().lines().forEach(line -> out.println(prefix + line));
            out.flush();
            result.stderr().lines().forEach(line -> err.println(prefix + line));
            if (!result.isSuccess()) {
                failed++;
                err.println(prefix + "exit status " + result.exitStatus());
            }
            err.flush();
        }
        if (failed > 0) {
            err.println("The command failed on " + failed + " of " + nodes(results.size()) + ".");
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (!context.quiet()) {
            err.println("The command succeeded on "
                    + (results.size() == 1 ? "the node" : "all " + nodes(results.size())) + ".");
            err.flush();
        }
        return ExitCodes.OK;
    }

    /** "master 54.1.2.3", "slave 54.1.2.4". */
    static String prefix(CommandResult result) {
        return result.node().role().tagValue() + " "
                + Clusters.host(result.node()).orElse(result.node().instanceId());
    }

    private static String nodes(int count) {
        return count == 1 ? "1 node" : count + " nodes";
    }
}
