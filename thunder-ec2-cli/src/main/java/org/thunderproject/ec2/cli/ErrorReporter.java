package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2Exception;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line {@code thunder-ec2: error: …} that says what to do, and an
 * exit code: 2 for the command line, config file and spec, 1 for everything else. The stack
 * trace only with {@code -v}.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    // ClusterSpec fields as the options that set them, so spec errors name what the user typed.
    private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
            Map.entry("name", "NAME"),
            Map.entry("keyPair", "-k/-i"),
            Map.entry("keyName", "-k/--key-pair"),
            Map.entry("identityFile", "-i/--identity-file"),
            Map.entry("slaves", "-s/--slaves"),
            Map.entry("instanceType", "-t/--instance-type"),
            Map.entry("masterInstanceType", "-m/--master-instance-type"),
            Map.entry("region", "-r/--region"),
            Map.entry("availabilityZone", "-z/--zone"),
            Map.entry("ami", "-a/--ami"),
            Map.entry("user", "-u/--user"),
            Map.entry("sshPort", "--ssh-port"),
            Map.entry("authorizedCidrs", "--authorized-address"),
            Map.entry("spotPrice", "--spot-price"),
            Map.entry("ebsVolumeSizeGb", "--ebs-vol-size"),
            Map.entry("ebsVolumeType", "--ebs-vol-type"),
            Map.entry("ebsVolumeCount", "--ebs-vol-num"),
            Map.entry("vpcId", "--vpc-id"),
            Map.entry("subnetId", "--subnet-id"),
            Map.entry("placementGroup", "--placement-group"),
            Map.entry("instanceProfileName", "--instance-profile-name"),
            Map.entry("userData", "--user-data"),
            Map.entry("additionalSecurityGroups", "--additional-security-group"),
            Map.entry("additionalTags", "--additional-tags"),
            Map.entry("instanceInitiatedShutdownBehavior", "--instance-initiated-shutdown-behavior"),
            Map.entry("sparkVersion", "--spark-version"),
            Map.entry("sparkDownloadUrl", "--spark-url"),
            Map.entry("sparkWorkerCores", "--spark-worker-cores"),
            Map.entry("sparkWorkerMemory", "--spark-worker-memory"),
            Map.entry("sparkConnectPort", "--spark-connect-port"),
            Map.entry("pythonPackages", "--python-packages"),
            Map.entry("pythonPackageIndex", "--python-package-index"));

    private final Terminal terminal;
    private final BooleanSupplier verbose;
    private final Supplier<Hints> hints;

    ErrorReporter(Terminal terminal, BooleanSupplier verbose, Supplier<Hints> hints) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.verbose = Objects.requireNonNull(verbose, "verbose");
        this.hints = Objects.requireNonNull(hints, "hints");
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = terminal.err();
        Optional<String> unknownCommand = UsageWords.unknownCommand(e);
        if (unknownCommand.isPresent()) {
            err.println("thunder-ec2: error: " + unknownCommand.get());
        } else {
            err.println("thunder-ec2: error: " + UsageWords.message(e));
            if (e instanceof UnmatchedArgumentException unmatched) {
                UnmatchedArgumentException.printSuggestions(unmatched, err);
            }
        }
        err.println(tryHelp(e.getCommandLine(), args));
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * The one "Try" line: the help of the subcommand the command line names (wherever the mistake
     * is in it), else the root's.
     */
    static String tryHelp(CommandLine commandLine, String[] args) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        String command = "thunder-ec2";
        for (String arg : args) {
            if (root.getSubcommands().containsKey(arg)) {
                command = "thunder-ec2 " + arg;
                break;
            }
        }
        return "Try '" + command + " --help' for more information.";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ParameterException parameterException) {
            return handleParseException(
                    parameterException, parseResult.originalArgs().toArray(new String[0]));
        }
        PrintWriter err = terminal.err();
        if (e instanceof InterruptedCommand) {
            err.println("thunder-ec2: " + e.getMessage());
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        if (e instanceof OperationInterruptedException) {
            // Ctrl-C or SIGTERM in a command that leaves nothing half-made (login, run-command, ...):
            // say so without the API's "X() again" hint; running the command again is the way on.
            String message = String.valueOf(e.getMessage());
            int hint = message.indexOf(';');
            err.println("thunder-ec2: " + (hint < 0 ? message : message.substring(0, hint)));
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        int exitCode = exitCode(e);
        err.println("thunder-ec2: error: " + hints.get().apiToCli(message(e))
                + (verbose.getAsBoolean()
                                || exitCode == ExitCodes.USAGE
                                || e instanceof CommandFailure
                                || e instanceof ThunderEc2Exception
                        ? ""
                        : " (-v shows details)"));
        if (exitCode == ExitCodes.USAGE) {
            err.println(tryHelp(commandLine, parseResult.originalArgs().toArray(new String[0])));
        }
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** 2 for what the user typed, 1 for the rest. */
    static int exitCode(Throwable e) {
        return e instanceof UsageException || e instanceof InvalidSpecException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** One line that says what went wrong and, where we know it, what to do. */
    public static String message(Throwable e) {
        if (e instanceof InvalidSpecException invalid) {
            String option = OPTION_OF_FIELD.getOrDefault(invalid.field(), invalid.field());
            String prefix = "invalid " + invalid.field() + ": ";
            String rule = invalid.getMessage().startsWith(prefix)
                    ? invalid.getMessage().substring(prefix.length())
                    : invalid.getMessage();
            return option + ": " + rule;
        }
        if (e instanceof UsageException) {
            return firstLine(e.getMessage());
        }
        // The two problems every first run meets, in words shorter than the SDK's.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String text = String.valueOf(cause.getMessage());
            if (text.contains("Unable to load credentials")) {
                return "no AWS credentials found: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                        + " or use --profile NAME (or --local for a local cloud)";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect to the EC2 endpoint (" + firstLine(cause.getMessage()) + "): check"
                        + " --endpoint-url, or start the local cloud with 'thunder-ec2 local-cloud'";
            }
        }
        if (e instanceof CommandFailure || e instanceof ThunderEc2Exception) {
            return firstLine(e.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
