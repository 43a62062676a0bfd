package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.thunderproject.ec2.ClusterExistsException;
import org.thunderproject.ec2.InvalidSpecException;
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

  ErrorReporter(Terminal terminal, BooleanSupplier verbose) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.verbose = Objects.requireNonNull(verbose, "verbose");
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    PrintWriter err = terminal.err();
    err.println("thunder-ec2: error: " + e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched) {
      UnmatchedArgumentException.printSuggestions(unmatched, err);
    }
    CommandLine commandLine = e.getCommandLine();
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (e instanceof ParameterException parameterException) {
      return handleParseException(parameterException, parseResult.originalArgs().toArray(new String[0]));
    }
    PrintWriter err = terminal.err();
    int exitCode = exitCode(e);
    err.println("thunder-ec2: error: " + message(e)
        + (verbose.getAsBoolean() || exitCode == ExitCodes.USAGE || e instanceof CommandFailure
            || e instanceof ThunderEc2Exception ? "" : " (-v shows details)"));
    if (verbose.getAsBoolean()) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  /** 2 for what the user typed, 1 for the rest. */
  static int exitCode(Throwable e) {
    return e instanceof UsageException || e instanceof InvalidSpecException
        ? ExitCodes.USAGE : ExitCodes.FAILURE;
  }

  /** One line that says what went wrong and, where we know it, what to do. */
  public static String message(Throwable e) {
    if (e instanceof InvalidSpecException invalid) {
      String option = OPTION_OF_FIELD.getOrDefault(invalid.field(), invalid.field());
      String prefix = "invalid " + invalid.field() + ": ";
      String rule = invalid.getMessage().startsWith(prefix)
          ? invalid.getMessage().substring(prefix.length()) : invalid.getMessage();
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
    if (e instanceof ClusterExistsException exists) {
      return inCliWords(exists);
    }
    if (e instanceof CommandFailure || e instanceof ThunderEc2Exception) {
      return firstLine(e.getMessage());
    }
    return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
  }

  /** The API's "resume() completes it, destroy() removes it" as the commands that do it. */
  private static String inCliWords(ClusterExistsException e) {
    String text = firstLine(e.getMessage());
    int ways = text.indexOf(": resume()");
    String what = ways < 0 ? "a cluster named '" + e.clusterName() + "' already exists (" + e.state() + ")"
        : text.substring(0, ways);
    return what + ": 'thunder-ec2 launch " + e.clusterName() + " --resume' (with the same -k and -i) completes it,"
        + " 'thunder-ec2 destroy " + e.clusterName() + "' removes it, or choose another name";
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "(no message)";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
