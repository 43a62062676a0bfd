package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.SubmitOptions;
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
 * {@code submit NAME APP.jar|APP.py [--class C] [--conf K=V]… [ARGS…]}: copies the application to
 * the master and runs spark-submit there against the cluster, its output streamed here; exits with
 * the application's status.
 */
@Command(
        name = "submit",
        description = {
            "Submit a Spark application to the cluster (driver on the master).",
            "",
            "Copies APP (a .jar, or a .py with an official Spark distribution) to the",
            "master and runs spark-submit there in client mode against the cluster, so the driver runs on the master and the",
            "executors on the workers. Its output is printed as it comes (stdout to stdout,",
            "Spark's log on stderr); the exit code is the application's. Put '--' before",
            "ARGS that look like options. --conf values show up in the master's process",
            "list: never put secrets in them."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem submit mycluster job.jar --class com.example.Job input.csv",
            "  thunder-ec2 -k mykey -i ~/mykey.pem submit mycluster job.jar --conf spark.executor.memory=2g -- --verbose"
        })
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Parameters(index = "1", paramLabel = "APP", description = "The application: a .jar or .py file.")
    String application;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "The application's arguments.")
    List<String> arguments = new ArrayList<>();

    @Option(
            names = "--class",
            paramLabel = "CLASS",
            description = "The main class (default: the one the jar's manifest names).")
    String mainClass;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark property; repeat for more.")
    List<String> conf = new ArrayList<>();

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster; checks the key file, touches no cloud. */
    ClusterSpec spec() {
        return IdentityFiles.require(target.context().spec(target.name(), keys, null), "submit");
    }

    /** The application file, checked. */
    Path applicationFile() {
        Path path =
                target.context().terminal().expand(application).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new UsageException("submit: the application " + path + " does not exist (give a .jar or .py file)");
        }
        String file = path.getFileName().toString();
        if (!file.endsWith(".jar") && !file.endsWith(".py")) {
            throw new UsageException("submit: the application must be a .jar or .py file, got " + path);
        }
        return path;
    }

    /** The options the command line asks for, without the output listeners. */
    SubmitOptions options() {
        SubmitOptions options = SubmitOptions.defaults().withArguments(arguments);
        try {
            if (mainClass != null) {
                options = options.withMainClass(mainClass);
            }
            for (String property : conf) {
                int eq = property.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException(
                            "--conf: '" + property + "' is not KEY=VALUE, like spark.executor.memory=2g");
                }
                options = options.withConf(property.substring(0, eq), property.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    (mainClass != null && e.getMessage().contains("main class") ? "--class: " : "--conf: ")
                            + e.getMessage(),
                    e);
        }
        return options;
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        Path app = applicationFile();
        Terminal terminal = context.terminal();
        PrintWriter out = terminal.out();
        PrintWriter err = terminal.err();
        SubmitOptions options = options().onStdoutLine(line -> print(out, line)).onStderrLine(line -> print(err, line));
        CommandResult result;
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(terminal));
            result = cluster.submit(app, options);
        }
        if (!result.isSuccess()) {
            err.println("The application exited with status " + result.exitStatus() + ".");
            err.flush();
            return result.exitStatus() > 0 && result.exitStatus() < 256 ? result.exitStatus() : ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter writer, String line) {
        synchronized (writer) {
            writer.println(line);
            writer.flush();
        }
    }
}
