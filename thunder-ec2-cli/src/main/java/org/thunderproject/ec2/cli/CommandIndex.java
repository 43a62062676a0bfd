package org.thunderproject.ec2.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.thunderproject.ec2.cli.commands.AddSlavesCommand;
import org.thunderproject.ec2.cli.commands.AutostopCommand;
import org.thunderproject.ec2.cli.commands.CompletionCommand;
import org.thunderproject.ec2.cli.commands.CopyFileCommand;
import org.thunderproject.ec2.cli.commands.DescribeCommand;
import org.thunderproject.ec2.cli.commands.DestroyCommand;
import org.thunderproject.ec2.cli.commands.GetMasterCommand;
import org.thunderproject.ec2.cli.commands.LaunchCommand;
import org.thunderproject.ec2.cli.commands.ListCommand;
import org.thunderproject.ec2.cli.commands.LocalCloudCommand;
import org.thunderproject.ec2.cli.commands.LoginCommand;
import org.thunderproject.ec2.cli.commands.NotebookCommand;
import org.thunderproject.ec2.cli.commands.RemoveSlavesCommand;
import org.thunderproject.ec2.cli.commands.RunCommandCommand;
import org.thunderproject.ec2.cli.commands.SparkConnectCommand;
import org.thunderproject.ec2.cli.commands.SshConfigCommand;
import org.thunderproject.ec2.cli.commands.StartCommand;
import org.thunderproject.ec2.cli.commands.StopCommand;
import org.thunderproject.ec2.cli.commands.SubmitCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The commands of {@code thunder-ec2}, in the order its help lists them, each with the one line
 * that help shows. Picocli builds a command's model by reflection, most of the start time, so an
 * invocation builds only the model of the command it runs; every other command stands in as a
 * placeholder made from this index (its name and summary, no options), which is all the root's
 * help, its usage errors and picocli's suggestions look at. {@code CommandIndexTest} checks the
 * summaries against the commands' own {@code @Command} annotations.
 */
final class CommandIndex {

    /** One command: its name, its class and the first line of its header, else of its description. */
    record Entry(String name, Class<?> type, String summary) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("launch", LaunchCommand.class, "Launch a new cluster (or complete one with --resume)."),
            new Entry("destroy", DestroyCommand.class, "Terminate a cluster's nodes and delete its security groups."),
            new Entry("stop", StopCommand.class, "Stop a cluster's nodes; 'start' brings them back."),
            new Entry("start", StartCommand.class, "Start a stopped cluster."),
            new Entry("login", LoginCommand.class, "Log in to the master: an interactive shell, as with ssh."),
            new Entry(
                    "notebook",
                    NotebookCommand.class,
                    "Set up and start the Jupyter notebook on the master (--ssl or --ssh-tunnel)."),
            new Entry("get-master", GetMasterCommand.class, "Print the master's address."),
            new Entry("describe", DescribeCommand.class, "Show a cluster's state, nodes, addresses and autostop."),
            new Entry("list", ListCommand.class, "List the clusters in the region."),
            new Entry(
                    "run-command",
                    RunCommandCommand.class,
                    "Run a shell command on every node (or only the master) in parallel."),
            new Entry(
                    "copy-file",
                    CopyFileCommand.class,
                    "Copy a local file or directory to every node (or only the master)."),
            new Entry("add-slaves", AddSlavesCommand.class, "Add N slaves to a running cluster."),
            new Entry("remove-slaves", RemoveSlavesCommand.class, "Terminate the N newest slaves of a cluster."),
            new Entry(
                    "ssh-config",
                    SshConfigCommand.class,
                    "Print thunder-ec2's OpenSSH configuration, so that 'ssh NAME' and 'ssh NAME-slave-N' (and scp,"
                            + " rsync, editors) reach the nodes with their host keys checked."),
            new Entry(
                    "submit", SubmitCommand.class, "Submit a Spark application to the cluster (driver on the master)."),
            new Entry(
                    "spark-connect",
                    SparkConnectCommand.class,
                    "Open an SSH tunnel to the master's Spark Connect server until Ctrl-C."),
            new Entry(
                    "autostop",
                    AutostopCommand.class,
                    "Stop a running cluster by itself once it has been idle for DURATION, or cancel that."),
            new Entry(
                    "local-cloud",
                    LocalCloudCommand.class,
                    "Run a local EC2-compatible cloud in the foreground until Ctrl-C."),
            new Entry("completion", CompletionCommand.class, "Print a shell completion script for bash or zsh."),
            new Entry(
                    "generate-completion",
                    AutoComplete.GenerateCompletion.class,
                    "Generate bash/zsh completion script for ${ROOT-COMMAND-NAME:-the root command of this command}."),
            new Entry("help", HelpCommand.class, "Display help information about the specified command."));

    /** The name picocli gives the mixin of {@code mixinStandardHelpOptions}. */
    private static final String STANDARD_HELP_MIXIN = "mixinStandardHelpOptions";

    /** Commands that look at other commands' models: help shows any one's usage, completion all of them. */
    private static final Set<String> NEED_EVERY_MODEL = Set.of("help", "completion", "generate-completion");

    private CommandIndex() {}

    /**
     * Adds the commands {@code args} need to {@code root}: the one they run with its model, or
     * every command with its model when that one needs them (or when picocli reads arguments from an
     * {@code @FILE} this cannot see into); placeholders for the others when no command is given
     * (the root's help lists them) or {@code everyName} asks for them.
     *
     * @return whether {@code root} now knows every command's name
     */
    static boolean addCommands(CommandLine root, boolean everyName, String... args) {
        Optional<String> run = commandIn(args);
        boolean everyModel = run.map(NEED_EVERY_MODEL::contains).orElse(false) || atFileIn(args);
        boolean named = everyModel || everyName || run.isEmpty();
        for (Entry entry : ENTRIES) {
            if (everyModel || run.filter(entry.name()::equals).isPresent()) {
                addModel(root, entry);
            } else if (named) {
                root.addSubcommand(entry.name(), new CommandLine(placeholder(entry)));
            }
        }
        return named;
    }

    private static void addModel(CommandLine root, Entry entry) {
        root.addSubcommand(entry.name(), entry.type());
        // Added here, not by the root's @Command, a command that inherits -h and -V gets them before
        // the options it inherits; after them, as with the annotation, its help and completion list
        // them last. Commands that ask for them themselves (generate-completion) keep them first.
        CommandSpec command = root.getSubcommands().get(entry.name()).getCommandSpec();
        CommandSpec standard = command.mixins().get(STANDARD_HELP_MIXIN);
        if (standard == null || entry.type().getAnnotation(Command.class).mixinStandardHelpOptions()) {
            return;
        }
        Set<String> names =
                standard.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        List<OptionSpec> standardHelp = command.options().stream()
                .filter(o -> !o.inherited() && names.contains(o.longestName()))
                .toList();
        standardHelp.forEach(command::remove);
        standardHelp.forEach(command::addOption);
    }

    /**
     * The error {@code named} (a command line that knows every command's name) finds in {@code
     * args}; {@code fallback} when it finds none.
     */
    static ParameterException errorOf(CommandLine named, String[] args, ParameterException fallback) {
        try {
            named.parseArgs(args);
            return fallback;
        } catch (ParameterException e) {
            return e;
        }
    }

    /**
     * The command {@code args} run: the first word that names one. Picocli takes no command name
     * as an option's value (it reports the value missing instead), and after {@code --} the root
     * has only positional parameters, of which it takes none.
     */
    static Optional<String> commandIn(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return Optional.empty();
            }
            for (Entry entry : ENTRIES) {
                if (entry.name().equals(arg)) {
                    return Optional.of(arg);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean atFileIn(String... args) {
        for (String arg : args) {
            if (arg.startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    private static CommandSpec placeholder(Entry entry) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new NotBuilt(entry.name()));
        spec.name(entry.name());
        spec.usageMessage().description(entry.summary());
        return spec;
    }

    /** What a placeholder runs, which never happens: the command it stands in for would have been built. */
    private record NotBuilt(String name) implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("internal error: '" + name + "' ran without its command model");
        }
    }
}
