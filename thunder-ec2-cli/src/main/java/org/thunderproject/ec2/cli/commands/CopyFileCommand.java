package org.thunderproject.ec2.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ExitCodes;
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

/** {@code copy-file NAME LOCAL REMOTE} (Flintrock's): copies a file or directory to every node, or the master. */
@Command(
        name = "copy-file",
        description = {
            "Copy a local file or directory to every node (or only the master).",
            "",
            "REMOTE names the copy on each node, relative to the login user's home unless",
            "absolute; missing parent directories are created, an existing file is",
            "replaced, directories are merged. Permission bits and times are kept."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem copy-file mycluster job.py job.py",
            "  thunder-ec2 -k mykey -i ~/mykey.pem copy-file mycluster data/ /mnt/data --master-only"
        })
public final class CopyFileCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "The file or directory to copy.")
    String local;

    @Parameters(index = "2", paramLabel = "REMOTE", description = "Where the copy goes on the nodes.")
    String remote;

    @Option(names = "--master-only", description = "Copy to the master only.")
    boolean masterOnly;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster to copy to; checks the key file, touches no cloud. */
    ClusterSpec spec() {
        return IdentityFiles.require(target.context().spec(target.name(), keys, null), "copy-file");
    }

    /** LOCAL, which must exist. */
    Path localPath() {
        Path path = target.context().terminal().expand(local).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new UsageException("copy-file: " + path + " does not exist (LOCAL)");
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("copy-file: " + path + " is not readable (LOCAL)");
        }
        return path;
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        Path from = localPath();
        if (remote.isBlank()) {
            throw new UsageException("copy-file: REMOTE is empty");
        }
        int nodes;
        try (ThunderEc2 thunder = context.connect()) {
            ClusterDescription cluster = Clusters.existing(thunder, target.name());
            nodes = masterOnly ? 1 : cluster.nodes().size();
            thunder.cluster(spec)
                    .addListener(ProgressView.warningsOnly(context.terminal()))
                    .copy(from, remote, masterOnly ? NodeSelector.MASTER : NodeSelector.ALL);
        }
        if (!context.quiet()) {
            context.terminal()
                    .err()
                    .println("Copied " + from + " to " + remote + " on "
                            + (masterOnly ? "the master" : nodes == 1 ? "1 node" : "all " + nodes + " nodes") + ".");
        }
        return ExitCodes.OK;
    }
}
