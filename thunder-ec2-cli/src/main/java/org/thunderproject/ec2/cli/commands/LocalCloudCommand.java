package org.thunderproject.ec2.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.Connection;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.UsageException;
import org.thunderproject.ec2.cli.options.DurationConverter;
import org.thunderproject.ec2.cli.options.Invocation;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.LocalCloudFile;
import org.thunderproject.ec2.cli.output.ProgressText;
import org.thunderproject.ec2.localcloud.ApiRateLimits;
import org.thunderproject.ec2.localcloud.LocalCloud;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code local-cloud}: an EC2-compatible cloud on this machine, in the foreground until Ctrl-C,
 * so the seed's walkthrough works across separate invocations with {@code --local}.
 */
@Command(
        name = "local-cloud",
        description = {
            "Run a local EC2-compatible cloud in the foreground until Ctrl-C.",
            "",
            "Other invocations reach it with --local (port 4566) or --endpoint-url, and the",
            "AWS CLI with --endpoint-url. It lives in memory: stopping it forgets everything.",
            "Its nodes are real SSH hosts on loopback addresses of this machine, which",
            "install the Spark runtime it serves at launch. --local invocations take its SSH",
            "port and Spark runtime from ~/.thunder-ec2/local-cloud-PORT.properties, which",
            "it writes while it runs. With -k NAME -i FILE it also creates key pair NAME",
            "and writes its private key to FILE (which must not exist yet), ready for the",
            "seed's commands."
        },
        footer = {
            "",
            "Example:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem local-cloud",
            "  thunder-ec2 --local -k mykey -i ~/mykey.pem -s 2 launch mycluster   (another terminal)"
        })
public final class LocalCloudCommand implements Callable<Integer> {

    /** The port {@code --local} expects, as LocalStack's. */
    public static final int DEFAULT_PORT = 4566;

    /** The nodes' SSH port unless {@code --ssh-port} says otherwise; 22 would need root. */
    public static final int DEFAULT_SSH_PORT = 2222;

    @Mixin
    Invocation invocation;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + DEFAULT_PORT,
            description = "Port of the EC2 endpoint on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(
            names = "--ssh-port",
            paramLabel = "PORT",
            defaultValue = "" + DEFAULT_SSH_PORT,
            description =
                    "Port the nodes' SSH servers listen on, each on its own loopback address (default: ${DEFAULT-VALUE}).")
    int sshPort;

    @Option(
            names = "--ssh-boot-delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long after a node runs its SSH server starts to answer, as while an EC2 instance"
                    + " boots (default: 1s; 0 for none; like 500ms, 2s).")
    Duration sshBootDelay;

    @Option(
            names = "--api-rate-limits",
            paramLabel = "none|ec2",
            defaultValue = "none",
            description = "Enforce EC2's API rate limits (token buckets per region and access key; RequestLimitExceeded"
                    + " over them) with ec2 (default: ${DEFAULT-VALUE}).")
    ApiRateLimits apiRateLimits;

    @Option(
            names = "--ssh",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Make every node a real SSH host (the default). With --no-ssh the cloud only speaks the EC2"
                    + " API: launch and start then need --until infrastructure.")
    boolean ssh;

    @Option(
            names = "--spark-runtime",
            paramLabel = "FILE",
            description =
                    "Spark distribution (.tgz) the cloud serves to its nodes, which install it at launch (default:"
                            + " the runtime 'mvn package' builds, found under the current directory; without one, launch with"
                            + " --until ssh_ready).")
    String sparkRuntime;

    @Option(names = "--no-spark-runtime", description = "Serve no Spark runtime (launch with --until ssh_ready).")
    boolean noSparkRuntime;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the nodes' files live (default: a temporary directory, deleted on exit).")
    String dataDirectory;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = invocation.context();
        if (port < 0 || port > 65535 || sshPort < 1 || sshPort > 65535) {
            throw new UsageException("--port must be 0 to 65535 and --ssh-port 1 to 65535");
        }
        KeyPairToCreate keyPair = keyPairToCreate(context);
        LocalCloud.Builder builder = LocalCloud.builder()
                .port(port)
                .sshPort(sshPort)
                .region(context.region().orElse(Connection.DEFAULT_REGION))
                .apiRateLimits(apiRateLimits);
        if (sshBootDelay != null) {
            builder.sshBootDelay(sshBootDelay);
        }
        if (!ssh) {
            builder.withoutSsh();
        }
        Optional<Path> runtime = sparkRuntime(context);
        runtime.ifPresent(builder::sparkRuntime);
        if (dataDirectory != null) {
            builder.dataDirectory(context.terminal().expand(dataDirectory));
        }
        LocalCloud cloud;
        try {
            cloud = builder.start();
        } catch (UncheckedIOException e) {
            throw new CommandFailure(
                    "cannot listen on 127.0.0.1:" + port + " (" + e.getCause().getMessage()
                            + "): is a local cloud already running? Choose another with --port",
                    e);
        }
        Path advertisement = null;
        try {
            if (keyPair != null) {
                createKeyPair(cloud, keyPair);
            }
            // Other invocations with --local take the SSH port and Spark runtime from here.
            advertisement = LocalCloudFile.write(
                    context.terminal().thunderHome(),
                    cloud.endpoint().getPort(),
                    new LocalCloudFile.Advertised(cloud.sshPort(), cloud.sparkDownloadUrl()));
            printUsage(context.terminal().out(), cloud, keyPair);
            // Runs until interrupted: Ctrl-C interrupts this thread (see ThunderEc2Command.main).
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // Ending the nodes' processes can take a while; say what is going on meanwhile.
            context.terminal().err().println("Stopping the local cloud and everything on its nodes...");
        } finally {
            if (advertisement != null) {
                deleteQuietly(advertisement);
            }
            cloud.close();
        }
        context.terminal().err().println("Local cloud stopped.");
        return ExitCodes.OK;
    }

    private record KeyPairToCreate(String name, Path file) {}

    private Optional<Path> sparkRuntime(CliContext context) {
        if (noSparkRuntime) {
            if (sparkRuntime != null) {
                throw new UsageException("give --spark-runtime FILE or --no-spark-runtime, not both");
            }
            return Optional.empty();
        }
        if (sparkRuntime == null) {
            return LocalCloud.builtSparkRuntime();
        }
        Path file = context.terminal().expand(sparkRuntime).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--spark-runtime: " + file + " does not exist (mvn package builds"
                    + " thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz)");
        }
        return Optional.of(file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale file only names a port where nothing answers any more.
        }
    }

    private KeyPairToCreate keyPairToCreate(CliContext context) {
        String name = context.keyPair(keys).orElse(null);
        String file = context.identityFile(keys).orElse(null);
        if (name == null && file == null) {
            return null;
        }
        if (name == null || file == null) {
            throw new UsageException(
                    "give the key pair to create and its private key file together: -k KEY_PAIR -i FILE");
        }
        Path path = context.terminal().expand(file).toAbsolutePath().normalize();
        if (Files.exists(path)) {
            throw new UsageException("-i/--identity-file: " + path + " already exists; a new local cloud has new keys,"
                    + " so give a path that does not exist yet (or remove the old file)");
        }
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new UsageException("-i/--identity-file: directory " + path.getParent() + " does not exist");
        }
        return new KeyPairToCreate(name, path);
    }

    private static void createKeyPair(LocalCloud cloud, KeyPairToCreate keyPair) {
        try {
            cloud.createKeyPair(keyPair.name(), keyPair.file());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    private void printUsage(PrintWriter out, LocalCloud cloud, KeyPairToCreate keyPair) {
        String endpoint = cloud.endpoint().toString();
        boolean defaultPort = cloud.endpoint().getPort() == DEFAULT_PORT;
        String target = defaultPort ? "--local" : "--local --endpoint-url " + endpoint;
        String key = keyPair == null ? "-k KEY_PAIR -i KEY_FILE" : "-k " + keyPair.name() + " -i " + keyPair.file();
        out.println("thunder-ec2 local cloud: EC2 endpoint " + endpoint + " (region " + cloud.region() + "), "
                + (cloud.sshEnabled()
                        ? "nodes answer SSH on port " + sshPort + " after "
                                + ProgressText.duration(cloud.sshBootDelay())
                        : "nodes are not SSH hosts (--no-ssh)"));
        out.println(cloud.sparkDownloadUrl()
                .map(url -> "Nodes install the Spark runtime it serves: " + url)
                .orElse("It serves no Spark runtime (see --spark-runtime): launch with --until ssh_ready."));
        if (keyPair != null) {
            out.println("Key pair '" + keyPair.name() + "' created; its private key is in " + keyPair.file());
        }
        out.println("Use it from another terminal:");
        String until = !cloud.sshEnabled()
                ? " --until infrastructure"
                : cloud.sparkDownloadUrl().isEmpty() ? " --until ssh_ready" : "";
        out.println("  thunder-ec2 " + target + " " + key + " -s 2 launch mycluster" + until);
        if (cloud.sshEnabled()) {
            out.println("  thunder-ec2 " + target + " " + key + " login mycluster");
        }
        out.println("  thunder-ec2 " + target + " describe");
        out.println("  thunder-ec2 --endpoint-url " + endpoint + " --local ...   (any command)");
        out.println("  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --endpoint-url " + endpoint + " --region "
                + cloud.region() + " ec2 describe-instances");
        out.println("Press Ctrl-C to stop it; everything in it is forgotten.");
        out.flush();
    }
}
