package org.thunderproject.ec2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.internal.DaemonThreads;
import org.thunderproject.ec2.internal.ec2.CheckIpCallerAddress;
import org.thunderproject.ec2.internal.ec2.ClientOverrides;
import org.thunderproject.ec2.internal.ec2.ClusterLookup;
import org.thunderproject.ec2.internal.ec2.Ec2ClientFactory;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.LoopbackEndpoint;
import org.thunderproject.ec2.internal.engine.Ec2Cluster;
import org.thunderproject.ec2.internal.engine.EngineServices;
import org.thunderproject.ec2.internal.engine.LaunchEngine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The entry point: a connection to EC2 (or an EC2-compatible endpoint) in one region, which makes
 * {@link Cluster} handles. Close it to release its clients and threads.
 *
 * <pre>{@code
 * try (ThunderEc2 thunder = ThunderEc2.create()) {
 *   Cluster cluster = thunder.cluster(spec);
 *   cluster.launch();
 * }
 * }</pre>
 */
public final class ThunderEc2 implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThunderEc2.class);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private final String region;
    private final Optional<Ec2Client> readyClient;
    private final Optional<AwsCredentialsProvider> credentialsProvider;
    private final Optional<URI> endpointOverride;
    private final ClientOverrides clientOverrides;
    private final Map<String, Ec2Gateway> gateways = new HashMap<>();
    private final ExecutorService executor;
    private final EngineServices services;
    private final Path homeDirectory;
    private boolean closed;

    private ThunderEc2(Builder builder) {
        this.clientOverrides = new ClientOverrides(builder.interceptors, builder.metricPublishers);
        if (builder.ec2Client != null
                && (builder.credentialsProvider != null
                        || builder.endpointOverride != null
                        || !clientOverrides.isEmpty())) {
            throw new IllegalArgumentException("a ready Ec2Client excludes credentialsProvider, endpointOverride,"
                    + " addExecutionInterceptor and addMetricPublisher: configure them on the client");
        }
        this.readyClient = Optional.ofNullable(builder.ec2Client);
        this.credentialsProvider = Optional.ofNullable(builder.credentialsProvider);
        this.endpointOverride = Optional.ofNullable(builder.endpointOverride);
        this.region = resolveRegion(builder);
        this.homeDirectory = builder.homeDirectory != null ? builder.homeDirectory : defaultHomeDirectory();
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("thunder-ec2-worker"));
        this.services = new EngineServices(
                this::gateway,
                executor,
                builder.callerAddress != null ? builder.callerAddress : new CheckIpCallerAddress(),
                builder.pollInterval != null ? builder.pollInterval : DEFAULT_POLL_INTERVAL,
                LaunchEngine.standard(),
                region,
                homeDirectory);
    }

    // As the CLI: THUNDER_EC2_HOME, else $HOME/.thunder-ec2 (HOME as shells set it, not the account's home).
    private static Path defaultHomeDirectory() {
        String dir = System.getenv("THUNDER_EC2_HOME");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".thunder-ec2");
    }

    private static String resolveRegion(Builder builder) {
        if (builder.ec2Client != null) {
            Region clientRegion = builder.ec2Client.serviceClientConfiguration().region();
            if (builder.region != null && clientRegion != null && !builder.region.equals(clientRegion.id())) {
                throw new IllegalArgumentException(
                        "region " + builder.region + " differs from the ready client's region " + clientRegion.id());
            }
            if (clientRegion != null) {
                return clientRegion.id();
            }
        }
        if (builder.region != null) {
            return builder.region;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new ThunderEc2Exception(
                    "no AWS region is configured: pass one with ThunderEc2.builder().region(\"us-east-1\"),"
                            + " or set AWS_REGION, or 'region' in ~/.aws/config",
                    e);
        }
    }

    /** Uses the default AWS credential and region provider chains. */
    public static ThunderEc2 create() {
        return builder().build();
    }

    /** A builder for a custom region, credentials, endpoint or client. */
    public static Builder builder() {
        return new Builder();
    }

    /** The region this instance talks to. */
    public String region() {
        return region;
    }

    /** Where thunder-ec2 keeps its own files (known hosts). */
    public Path homeDirectory() {
        return homeDirectory;
    }

    /** A handle on the cluster {@code spec} describes; nothing is created until an operation runs. */
    public Cluster cluster(ClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        checkOpen();
        spec.region().ifPresent(this::gateway);
        return new Ec2Cluster(spec, services);
    }

    /** The cluster of that name, if anything of it exists. */
    public Optional<ClusterDescription> find(String name) {
        Objects.requireNonNull(name, "name");
        Inventory inventory = new ClusterLookup(gateway(region)).find(name, Optional.empty());
        return inventory.exists() ? Optional.of(inventory.describe()) : Optional.empty();
    }

    /** Every thunder-ec2 cluster in the region. */
    public List<ClusterDescription> list() {
        return new ClusterLookup(gateway(region))
                .all().stream().map(Inventory::describe).toList();
    }

    /** Releases the EC2 client (unless it was handed in ready-made) and all threads. */
    @Override
    public void close() {
        List<Ec2Gateway> toClose;
        synchronized (gateways) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(gateways.values());
            gateways.clear();
        }
        executor.shutdownNow();
        for (Ec2Gateway gateway : toClose) {
            try {
                gateway.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the EC2 client of {} failed", gateway.region(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "ThunderEc2(" + region + endpointOverride.map(e -> " at " + e).orElse("") + ")";
    }

    private void checkOpen() {
        synchronized (gateways) {
            if (closed) {
                throw new IllegalStateException("this ThunderEc2 is closed");
            }
        }
    }

    /** The gateway for {@code name}, made on first use. */
    private Ec2Gateway gateway(String name) {
        synchronized (gateways) {
            if (closed) {
                throw new IllegalStateException("this ThunderEc2 is closed");
            }
            Ec2Gateway existing = gateways.get(name);
            if (existing != null) {
                return existing;
            }
            Ec2Gateway made;
            if (readyClient.isPresent()) {
                if (!name.equals(region)) {
                    throw new ThunderEc2Exception("the spec asks for region " + name
                            + " but this ThunderEc2 was given a ready" + " Ec2Client for " + region
                            + ": drop region from the spec, or build a ThunderEc2 for " + name);
                }
                made = new Ec2Gateway(readyClient.get(), false, name);
            } else {
                made = new Ec2Gateway(
                        Ec2ClientFactory.create(name, credentialsProvider, endpointOverride, clientOverrides),
                        true,
                        name);
            }
            gateways.put(name, made);
            return made;
        }
    }

    /** Configures a {@link ThunderEc2}. Every setting is optional. */
    public static final class Builder {
        private String region;
        private AwsCredentialsProvider credentialsProvider;
        private URI endpointOverride;
        private Ec2Client ec2Client;
        private CallerAddress callerAddress;
        private Duration pollInterval;
        private Path homeDirectory;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private final List<MetricPublisher> metricPublishers = new ArrayList<>();

        private Builder() {}

        /**
         * Adds an SDK execution interceptor to the EC2 clients this instance builds (for example to
         * count or trace calls); it sees every attempt, after thunder-ec2 paced it.
         */
        public Builder addExecutionInterceptor(ExecutionInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Adds an SDK metric publisher to the EC2 clients this instance builds; closed by its owner. */
        public Builder addMetricPublisher(MetricPublisher publisher) {
            metricPublishers.add(Objects.requireNonNull(publisher, "publisher"));
            return this;
        }

        /**
         * Binds to a local cloud on this machine's loopback (the {@code thunder-ec2-localcloud} module's
         * {@code LocalCloud.endpoint()} and {@code region()}): that endpoint and region, dummy
         * credentials (a local cloud checks no signatures), the caller seen as 127.0.0.1 and a 50 ms
         * poll interval. One line in JShell:
         * {@code ThunderEc2.builder().localCloud(cloud.endpoint(), cloud.region()).build()}.
         *
         * @throws IllegalArgumentException {@code endpoint} is not on loopback (127.0.0.0/8, ::1, localhost)
         */
        public Builder localCloud(URI endpoint, String region) {
            endpointOverride(LoopbackEndpoint.require(endpoint));
            region(region);
            credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("localcloud", "localcloud")));
            callerAddress(CallerAddress.fixed("127.0.0.1"));
            return pollInterval(Duration.ofMillis(50));
        }

        /** The region; default: the AWS default region provider chain. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The credentials; default: the AWS default credentials provider chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
            return this;
        }

        /** An EC2-compatible endpoint instead of AWS (LocalStack, the local cloud, …). */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * A ready client; its owner closes it. Its region is this instance's region (a different
         * {@link #region(String)} is an error), and it excludes credentials and endpoint settings.
         */
        public Builder ec2Client(Ec2Client client) {
            this.ec2Client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** How the caller's public address is found for the default ingress rules. */
        public Builder callerAddress(CallerAddress callerAddress) {
            this.callerAddress = Objects.requireNonNull(callerAddress, "callerAddress");
            return this;
        }

        /**
         * How often state is polled while waiting, at a fixed pace; default 0.5 s (a DescribeInstances
         * or GetConsoleOutput every half second stays well within EC2's 20 a second).
         */
        public Builder pollInterval(Duration pollInterval) {
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, not " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * Where thunder-ec2 keeps its own files (known hosts); default {@code THUNDER_EC2_HOME}, else
         * {@code $HOME/.thunder-ec2}, the same rule as the CLI's.
         */
        public Builder homeDirectory(Path homeDirectory) {
            this.homeDirectory = Objects.requireNonNull(homeDirectory, "homeDirectory");
            return this;
        }

        /** Builds it; fails when no region can be found. */
        public ThunderEc2 build() {
            return new ThunderEc2(this);
        }
    }
}
