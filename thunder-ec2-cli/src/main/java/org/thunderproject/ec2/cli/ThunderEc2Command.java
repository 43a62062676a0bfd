package org.thunderproject.ec2.cli;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.LaunchOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code thunder-ec2} command: the seed tool's command line over the thunder-ec2 API.
 *
 * <pre>
 * thunder-ec2 -k mykey -i ~/mykey.pem -s 2 launch mycluster
 * thunder-ec2 -k mykey -i ~/mykey.pem destroy mycluster
 * </pre>
 *
 * <p>Global options ({@code --region}, {@code --local}, …) go before or after the subcommand;
 * so do the key pair and launch options, as the seed's guide types them before it. The
 * subcommands are those of {@link CommandIndex}.
 */
@Command(
        name = "thunder-ec2",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        synopsisSubcommandLabel = "COMMAND",
        abbreviateSynopsis = true,
        description = {
            "Launch and manage Apache Spark (Thunder) clusters on Amazon EC2.",
            "",
            "AWS credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws",
            "or --profile. Any option's default can be set in ~/.thunder-ec2/config.yaml",
            "under its long name (like 'slaves: 2'); the command line wins over the file.",
            "Options go before or after the command."
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE, ExitCodes.INTERRUPTED_LINE},
        footer = {
            "",
            "Examples (the seed's guide):",
            "  thunder-ec2 -k mykey -i ~/mykey.pem -s 2 launch mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem launch mycluster --resume",
            "  thunder-ec2 -k mykey -i ~/mykey.pem login mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem login mycluster \\",
            "      --ssh-port-forwarding 8888:8888",
            "  thunder-ec2 -k mykey -i ~/mykey.pem notebook mycluster --ssh-tunnel",
            "  thunder-ec2 -k mykey -i ~/mykey.pem stop mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem start mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem destroy mycluster",
            "Shell completion: source <(thunder-ec2 completion bash)   (or zsh)"
        })
public final class ThunderEc2Command implements Callable<Integer> {

    @Option(
            names = {"-r", "--region"},
            paramLabel = "REGION",
            scope = ScopeType.INHERIT,
            description = "AWS region (default: AWS_REGION, the profile's region, else us-east-1).")
    String region;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            scope = ScopeType.INHERIT,
            description = "AWS profile from ~/.aws/credentials and ~/.aws/config.")
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "An EC2-compatible endpoint instead of AWS (a local cloud, LocalStack, ...).")
    String endpointUrl;

    @Option(
            names = "--local",
            negatable = true,
            scope = ScopeType.INHERIT,
            description = "Use the local cloud of 'thunder-ec2 local-cloud' (http://127.0.0.1:4566 unless"
                    + " --endpoint-url says otherwise; no AWS credentials needed).")
    Boolean local;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Config file (default: ~/.thunder-ec2/config.yaml).")
    String configFile;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Log what happens, and print stack traces of errors.")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only results and errors, no progress.")
    boolean quiet;

    // Accepted before the subcommand too, as the seed's guide types them: -k K -i F -s 2 launch NAME.
    // Null when none of the group's options is given here.
    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    @ArgGroup(validate = false, order = 2, heading = LaunchOptions.HEADING)
    LaunchOptions launch;

    @Spec
    CommandSpec spec;

    private final Terminal terminal;
    private CliContext context;
    private Hints hints = Hints.none();

    ThunderEc2Command(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String... args) {
        InterruptHook hook = new InterruptHook(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = ExitCodes.INTERRUPTED;
        try {
            exitCode = execute(Terminal.system(), args);
        } finally {
            hook.finished(exitCode);
        }
        System.exit(exitCode);
    }

    /** Runs {@code args} on {@code terminal} and returns the exit code. */
    static int execute(Terminal terminal, String... args) {
        return commandLine(terminal, args).execute(args);
    }

    /**
     * The configured command line, ready to parse or execute {@code args}: with the model of the
     * command they run only, or, without one, with every command's name ({@link CommandIndex}).
     */
    static CommandLine commandLine(Terminal terminal, String... args) {
        return commandLine(terminal, false, args);
    }

    private static CommandLine commandLine(Terminal terminal, boolean everyName, String... args) {
        ThunderEc2Command root = new ThunderEc2Command(terminal);
        CommandLine commandLine = new CommandLine(root);
        // Before the settings below: picocli applies them to the subcommands it has.
        boolean named = CommandIndex.addCommands(commandLine, everyName, args);
        ErrorReporter errors = new ErrorReporter(terminal, () -> root.verbose, () -> root.hints);
        commandLine.setOut(terminal.out());
        commandLine.setErr(terminal.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // A usage error is said as with every command known (suggestions, the "Try" line).
        commandLine.setParameterExceptionHandler((e, given) -> errors.handleParseException(
                named ? e : CommandIndex.errorOf(commandLine(terminal, true, given), given, e), given));
        commandLine.setExecutionExceptionHandler(errors);
        // run-command NAME ls -l: options thunder-ec2 does not know belong to the remote command.
        Optional.ofNullable(commandLine.getSubcommands().get("run-command"))
                .ifPresent(runCommand -> runCommand.setUnmatchedOptionsArePositionalParams(true));
        commandLine.setExecutionStrategy(parseResult -> {
            if (parseResult.isUsageHelpRequested() && !named) {
                // thunder-ec2 --help list: the root's help, which lists every command.
                return commandLine(terminal, "--help").execute("--help");
            }
            Logging.configure(root.verbose, root.quiet);
            root.hints = Hints.of(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /** Without a command: the usage, and exit code 2. */
    @Override
    public Integer call() {
        terminal.err()
                .println("thunder-ec2: error: missing command, one of: "
                        + String.join(", ", spec.subcommands().keySet()));
        terminal.err().println("Try 'thunder-ec2 --help' for more information.");
        return ExitCodes.USAGE;
    }

    /** Follow-up commands with the options this invocation was given. */
    Hints hints() {
        return hints;
    }

    /** What every subcommand shares: settings, config file, connection, progress. */
    public CliContext context() {
        if (context == null) {
            context = new CliContext(this, terminal);
        }
        return context;
    }
}
