package org.thunderproject.ec2.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.options.ClusterSpecs;
import org.thunderproject.ec2.cli.options.ConfigFile;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.LaunchOptions;
import org.thunderproject.ec2.cli.options.LocalCloudFile;
import org.thunderproject.ec2.cli.options.SpecDefaults;
import org.thunderproject.ec2.cli.output.LineProgress;
import org.thunderproject.ec2.cli.output.LiveProgress;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the subcommands of one invocation share: the terminal, the global options merged with the
 * config file, the cluster spec, the cloud connection and the progress display.
 */
public final class CliContext {

    /** Long options that make no sense in a config file. */
    private static final Set<String> NOT_IN_CONFIG = Set.of("config", "help", "version", "verbose", "quiet");

    private final ThunderEc2Command root;
    private final Terminal terminal;
    private ConfigFile config;

    CliContext(ThunderEc2Command root, Terminal terminal) {
        this.root = Objects.requireNonNull(root, "root");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    public Terminal terminal() {
        return terminal;
    }

    boolean verbose() {
        return root.verbose;
    }

    public boolean quiet() {
        return root.quiet;
    }

    /**
     * Where a confirming command says what the answer costs: stderr, or nowhere with -q -y, when
     * nobody reads it.
     */
    public PrintWriter costSummary(boolean assumeYes) {
        return quiet() && assumeYes
                ? new PrintWriter(Writer.nullWriter())
                : terminal().err();
    }

    /** The config file: {@code --config FILE} (which must exist), else the default when it exists. */
    ConfigFile config() {
        if (config == null) {
            config = loadConfig();
        }
        return config;
    }

    /** Commands to suggest, with the options the user typed to reach this cluster. */
    public Hints hints() {
        return root.hints();
    }

    /** {@code -k} as given after the subcommand ({@code keys}, null when none), else before it. */
    public Optional<String> keyPair(KeyOptions keys) {
        return Optional.ofNullable(keys).map(k -> k.keyPair).or(() -> Optional.ofNullable(root.keys)
                .map(k -> k.keyPair));
    }

    /** {@code -i} as given after the subcommand ({@code keys}, null when none), else before it. */
    public Optional<String> identityFile(KeyOptions keys) {
        return Optional.ofNullable(keys).map(k -> k.identityFile).or(() -> Optional.ofNullable(root.keys)
                .map(k -> k.identityFile));
    }

    /** {@code -r/--region}, else the config file's. */
    public Optional<String> region() {
        return first(root.region, "region");
    }

    /** {@code --profile}, else the config file's. */
    Optional<String> profile() {
        return first(root.profile, "profile");
    }

    /** {@code --endpoint-url}, else the config file's. */
    Optional<String> endpointUrl() {
        return first(root.endpointUrl, "endpoint-url");
    }

    /** {@code --local}/{@code --no-local}, else the config file's, else false. */
    boolean local() {
        return Optional.ofNullable(root.local)
                .or(() -> config().value("local", Boolean.class))
                .orElse(false);
    }

    /**
     * The spec for cluster {@code name} from the options given after the subcommand ({@code keys},
     * {@code launch}; null when none was given there), then before it, then the config file.
     *
     * @throws UsageException or {@link org.thunderproject.ec2.InvalidSpecException} when invalid
     */
    public ClusterSpec spec(String name, KeyOptions keys, LaunchOptions launch) {
        List<KeyOptions> keyLayers = new ArrayList<>();
        if (keys != null) {
            keyLayers.add(keys);
        }
        if (root.keys != null) {
            keyLayers.add(root.keys);
        }
        List<LaunchOptions> launchLayers = new ArrayList<>();
        if (launch != null) {
            launchLayers.add(launch);
        }
        if (root.launch != null) {
            launchLayers.add(root.launch);
        }
        // The local cloud's nodes answer SSH on its --ssh-port (not 22: that needs root) and install its Spark.
        SpecDefaults defaults = local()
                ? SpecDefaults.localCloud(LocalCloudFile.read(terminal.thunderHome(), localEndpoint()))
                : SpecDefaults.none();
        return new ClusterSpecs(terminal, config(), keyLayers, launchLayers).build(name, region(), defaults);
    }

    /** The endpoint {@code --local} talks to: {@code --endpoint-url}, else {@link Connection#LOCAL_ENDPOINT}. */
    URI localEndpoint() {
        return Connection.parseEndpoint(endpointUrl().orElse(Connection.LOCAL_ENDPOINT));
    }

    /**
     * Before provisioning on a local cloud: its nodes reach loopback only, so they install the Spark
     * runtime the cloud serves or one given with {@code --spark-url}, never the Apache archive.
     *
     * @param until the last phase asked for; null for all of them
     * @throws UsageException when Spark has nowhere to come from
     */
    public void requireLocalSparkSource(ClusterSpec spec, LaunchPhase until) {
        boolean provisions = until == null || until == LaunchPhase.SERVICES;
        if (local() && provisions && spec.sparkDownloadUrl().isEmpty()) {
            throw new UsageException("the local cloud at " + localEndpoint() + " serves no Spark runtime, so its nodes"
                    + " cannot install Spark: run 'thunder-ec2 local-cloud' in the source tree after 'mvn package' (or with"
                    + " --spark-runtime FILE), give --spark-url, or stop before Spark with --until ssh_ready");
        }
    }

    /** A connection to the cloud these options name; the caller closes it. */
    public ThunderEc2 connect() {
        return Connection.open(this);
    }

    /** A progress display for one operation; quiet with {@code -q}. Close it when done. */
    public ProgressView progress() {
        if (root.quiet) {
            return ProgressView.warningsOnly(terminal);
        }
        return terminal.liveProgress() ? new LiveProgress(terminal) : new LineProgress(terminal);
    }

    private Optional<String> first(String commandLine, String key) {
        return Optional.ofNullable(commandLine).or(() -> config().value(key, String.class));
    }

    private ConfigFile loadConfig() {
        Set<String> keys = configKeys();
        if (root.configFile != null) {
            Path file = terminal.expand(root.configFile);
            if (!Files.isRegularFile(file)) {
                throw new UsageException("config file " + file + " does not exist (--config)");
            }
            return ConfigFile.load(file, keys);
        }
        Path file = terminal.thunderHome().resolve("config.yaml");
        return Files.isRegularFile(file) ? ConfigFile.load(file, keys) : ConfigFile.none();
    }

    // The config keys are the root command's long option names, so they cannot drift apart.
    private Set<String> configKeys() {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : root.spec.options()) {
            String name = option.longestName();
            if (name.startsWith("--") && !NOT_IN_CONFIG.contains(name.substring(2))) {
                keys.add(name.substring(2));
            }
        }
        return keys;
    }
}
