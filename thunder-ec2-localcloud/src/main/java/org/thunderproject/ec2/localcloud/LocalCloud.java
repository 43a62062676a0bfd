package org.thunderproject.ec2.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.InstanceRuntime;
import org.thunderproject.ec2.localcloud.internal.LocalCloudParts;
import org.thunderproject.ec2.localcloud.internal.LocalCloudSettings;
import org.thunderproject.ec2.localcloud.internal.SdkClients;
import org.thunderproject.ec2.localcloud.internal.SparkRuntimes;
import org.thunderproject.ec2.localcloud.internal.http.QueryServer;
import org.thunderproject.ec2.localcloud.internal.ssh.SshInstanceRuntime;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * An EC2-compatible cloud on loopback, in memory: the EC2 Query API over HTTP on 127.0.0.1, so the
 * real AWS SDK (with {@code endpointOverride}) and {@code aws --endpoint-url} talk to it unchanged.
 * Instances move through EC2's states over (configurable) time, get loopback addresses of their
 * own (a new public one on every start), and errors carry EC2's codes.
 *
 * <p>Every running instance is a real SSH host (unless built {@link Builder#withoutSsh()}): an
 * SSH server on its own loopback addresses and {@link #sshPort()}, which answers a
 * {@linkplain Builder#sshBootDelay while} after the instance is running (refused before, as a
 * booting EC2 instance), admits the instance's key pair for the image's login user
 * ({@code ec2-user}), runs commands with {@code /bin/sh} in the instance's own directory (HOME),
 * offers SFTP, PTY shells and local port forwarding, keeps its host key across stop/start, and
 * prints the host key fingerprints in its console output (GetConsoleOutput) as cloud-init does.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start();
 *      Ec2Client ec2 = cloud.ec2Client()) {
 *   ec2.describeRegions();
 * }
 * }</pre>
 *
 * <p>Like Testcontainers' {@code LocalStackContainer}, it hands out what any client needs:
 * {@link #endpoint()}, {@link #region()}, {@link #accessKeyId()}/{@link #secretAccessKey()}
 * (dummies), {@link #sshPort()}, {@link #sparkDownloadUrl()} and {@link #callerAddress()}. It does
 * not depend on thunder-ec2 itself; bind one with
 * {@code ThunderEc2.builder().localCloud(cloud.endpoint(), cloud.region()).build()}.
 *
 * <p>Regions: the configured one (default {@code us-east-1}) plus a few standard ones, each with
 * zones a/b/c, a default VPC with a default subnet per zone, and Amazon Linux 2023 images. The
 * region of a call is taken from its SigV4 signature. {@link #faults()} injects throttling,
 * capacity errors, stuck instances and slow transitions. Close it to stop the server and its
 * threads and to delete its temporary data directory.
 */
public final class LocalCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);

    private final LocalCloudParts parts;
    private final Faults faults;
    private final String region;
    private final int sshPort;
    private final Duration sshBootDelay;
    private final ApiRateLimits apiRateLimits;

    private LocalCloud(LocalCloudSettings settings) throws IOException {
        this.region = settings.region();
        this.sshPort = settings.sshPort();
        this.sshBootDelay = settings.sshBootDelay();
        this.apiRateLimits = settings.apiRateLimits();
        this.parts = LocalCloudParts.start(settings);
        this.faults = new Faults(parts.faultState(), parts.timings());
        LOG.info("Local cloud serving EC2 at {} (region {})", parts.endpoint(), region);
    }

    /** Starts a cloud with the defaults: any free port, region {@code us-east-1}. */
    public static LocalCloud start() {
        return builder().start();
    }

    /** A builder for port, region, timings, SSH port and boot delay, and data directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234}: pass it as the SDK's endpointOverride. */
    public URI endpoint() {
        return parts.endpoint();
    }

    /**
     * Where the cloud's instances download the Spark runtime given to
     * {@link Builder#sparkRuntime(Path)}: an {@code http://127.0.0.1:PORT/spark/NAME.tgz} URL to pass
     * as the cluster spec's {@code sparkDownloadUrl}, so that nodes install Spark the way EC2 nodes
     * do. Empty when the cloud serves no runtime.
     */
    public Optional<String> sparkDownloadUrl() {
        return parts.sparkDownloadUrl();
    }

    /**
     * {@link #sparkDownloadUrl()} under a stable name on the EC2 endpoint, {@code ENDPOINT}{@value
     * QueryServer#SPARK_RUNTIME_PATH}, which redirects there (404 when the cloud serves no runtime):
     * for a client that knows only the endpoint, such as the command line with {@code --local}.
     */
    public String sparkRuntimeAlias() {
        return parts.endpoint() + QueryServer.SPARK_RUNTIME_PATH;
    }

    /**
     * The Spark runtime tarball the build makes ({@code thunder-ec2-spark-runtime/target/
     * spark-VERSION-bin-thunder.tgz}, a Spark standalone distribution of Maven Central jars, without
     * PySpark): the file named by system property {@value #SPARK_RUNTIME_PROPERTY} when set, else the
     * newest such tarball found under the working directory or one of its parents. Empty when
     * neither exists (run {@code mvn package} first).
     */
    public static Optional<Path> builtSparkRuntime() {
        return SparkRuntimes.find(
                System.getProperty(SPARK_RUNTIME_PROPERTY), Path.of("").toAbsolutePath());
    }

    /** The system property naming the Spark runtime tarball, for {@link #builtSparkRuntime()}. */
    public static final String SPARK_RUNTIME_PROPERTY = "thunder.spark.runtime";

    /** The default region (for clients made here and for unsigned requests). */
    public String region() {
        return region;
    }

    /** The port each instance's SSH server listens on, on the instance's own loopback addresses. */
    public int sshPort() {
        return sshPort;
    }

    /** The access key id a client signs with: a dummy, since the cloud checks no signatures. */
    public String accessKeyId() {
        return SdkClients.DUMMY_KEY;
    }

    /** The secret access key a client signs with: a dummy, like {@link #accessKeyId()}. */
    public String secretAccessKey() {
        return SdkClients.DUMMY_KEY;
    }

    /**
     * The address the cloud sees its callers at, {@code 127.0.0.1}: what a client's security-group
     * rules must admit (instead of looking its public address up).
     */
    public String callerAddress() {
        return "127.0.0.1";
    }

    /** Whether instances are SSH hosts (see {@link Builder#withoutSsh()}). */
    public boolean sshEnabled() {
        return parts.runtime() instanceof SshInstanceRuntime;
    }

    /** How long after an instance runs its SSH server answers (when {@link #sshEnabled()}). */
    public Duration sshBootDelay() {
        return sshBootDelay;
    }

    /** Where instance directories live ({@code instances/ID}). */
    public Path dataDirectory() {
        return parts.dataDirectory();
    }

    /** The API rate limits it enforces. */
    public ApiRateLimits apiRateLimits() {
        return apiRateLimits;
    }

    /** Every region this cloud serves. */
    public List<String> regions() {
        return List.copyOf(parts.state().regions().keySet());
    }

    /** Fault injection. */
    public Faults faults() {
        return faults;
    }

    LocalCloudParts parts() {
        return parts;
    }

    /**
     * A plain AWS SDK client bound to this cloud in the default region, with dummy static
     * credentials and the SDK's default retry strategy. The cloud closes it on {@link #close()};
     * closing it earlier is fine.
     */
    public Ec2Client ec2Client() {
        return ec2Client(region);
    }

    /** Like {@link #ec2Client()}, for another region this cloud serves. */
    public Ec2Client ec2Client(String regionName) {
        return parts.clients().ec2Client(regionName);
    }

    /**
     * Creates key pair {@code name} in this cloud's region (CreateKeyPair, RSA) and writes its
     * private key to {@code file}, created 0600 from the start so it is never readable by others.
     * The file must not exist yet. Returns {@code file}.
     */
    public Path createKeyPair(String name, Path file) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        try (Ec2Client ec2 = ec2Client()) {
            return SdkClients.createKeyPair(ec2, name, file);
        }
    }

    /**
     * Stops the server, the lifecycle threads and the instance runtime, closes the clients made
     * here, and deletes the data directory when it was a temporary one. Idempotent.
     */
    @Override
    public void close() {
        if (parts.close()) {
            LOG.info("Local cloud at {} closed", parts.endpoint());
        }
    }

    @Override
    public String toString() {
        return "LocalCloud[" + parts.endpoint() + ", " + region + "]";
    }

    /** Configures a {@link LocalCloud}; every setting is optional. */
    public static final class Builder {
        private final LocalCloudSettings settings = new LocalCloudSettings();

        private Builder() {}

        /** Which API rate limits to enforce; default {@link ApiRateLimits#NONE}. */
        public Builder apiRateLimits(ApiRateLimits limits) {
            settings.apiRateLimits(limits);
            return this;
        }

        /** Each instance's pending time is drawn uniformly from pendingTime ± this; default zero. */
        public Builder pendingSpread(Duration spread) {
            settings.pendingSpread(spread);
            return this;
        }

        /** Each instance's SSH boot delay is drawn uniformly from sshBootDelay ± this; default zero. */
        public Builder sshBootSpread(Duration spread) {
            settings.sshBootSpread(spread);
            return this;
        }

        /** The seed of the spreads' draws, so that a run can be repeated; default 0. */
        public Builder seed(long seed) {
            settings.seed(seed);
            return this;
        }

        /** The port on 127.0.0.1; default 0 (any free port). */
        public Builder port(int port) {
            settings.port(port);
            return this;
        }

        /** The default region; default {@code us-east-1}. Added to the served regions if not standard. */
        public Builder region(String region) {
            settings.region(region);
            return this;
        }

        /** How long instances stay {@code pending}; default 250 ms. */
        public Builder pendingTime(Duration pendingTime) {
            settings.pendingTime(pendingTime);
            return this;
        }

        /** How long instances stay {@code stopping}; default 200 ms. */
        public Builder stoppingTime(Duration stoppingTime) {
            settings.stoppingTime(stoppingTime);
            return this;
        }

        /** How long instances stay {@code shutting-down}; default 200 ms. */
        public Builder shuttingDownTime(Duration shuttingDownTime) {
            settings.shuttingDownTime(shuttingDownTime);
            return this;
        }

        /** How long terminated instances stay visible; default 60 s (EC2: about an hour). */
        public Builder terminatedRetention(Duration terminatedRetention) {
            settings.terminatedRetention(terminatedRetention);
            return this;
        }

        /** The port every instance's SSH server uses on its own loopback address; default 2222. */
        public Builder sshPort(int sshPort) {
            settings.sshPort(sshPort);
            return this;
        }

        /**
         * Serves this Spark distribution tarball to the instances over HTTP on loopback (see
         * {@link LocalCloud#sparkDownloadUrl()}); {@link LocalCloud#builtSparkRuntime()} finds the one
         * the build makes.
         *
         * @throws IllegalArgumentException the file does not exist
         */
        public Builder sparkRuntime(Path tarball) {
            settings.sparkRuntime(tarball);
            return this;
        }

        /** Where instance directories live; default a temporary directory deleted on close. */
        public Builder dataDirectory(Path dataDirectory) {
            settings.dataDirectory(dataDirectory);
            return this;
        }

        /**
         * How long after an instance is {@code running} its SSH server starts to answer (connections
         * are refused before, as while an EC2 instance boots); default 1 s, zero for none.
         */
        public Builder sshBootDelay(Duration sshBootDelay) {
            settings.sshBootDelay(sshBootDelay);
            return this;
        }

        /**
         * Instances exist only in the EC2 model: no SSH servers, empty console output. For tests of
         * the EC2 API alone (they start no processes and no threads per instance).
         */
        public Builder withoutSsh() {
            settings.withoutSsh();
            return this;
        }

        /** What runs inside instances instead of SSH servers (for this module's tests); closed with the cloud. */
        Builder instanceRuntime(InstanceRuntime runtime) {
            settings.instanceRuntime(runtime);
            return this;
        }

        /** Starts the cloud; an {@link UncheckedIOException} when the port cannot be bound. */
        public LocalCloud start() {
            try {
                return new LocalCloud(settings);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the local cloud on port " + settings.port(), e);
            }
        }
    }
}
