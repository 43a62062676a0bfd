package org.thunderproject.ec2.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * What one {@link LocalThunderCluster} test class holds: a local cloud (serving the built Spark
 * runtime when asked), a ThunderEc2 on it, a key pair and the cluster. {@link #close()} destroys
 * the cluster, whatever state a failed launch left, then closes the ThunderEc2 and the cloud.
 */
final class LocalClusterFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterFixture.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final LocalThunderCluster settings;
    private final LocalCloud cloud;
    private final ThunderEc2 thunder;
    private final Ec2Client ec2;
    private final Cluster cluster;
    private final AtomicBoolean launched = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SparkConnect sparkConnect; // opened on first use, guarded by this

    private LocalClusterFixture(LocalThunderCluster settings, LocalCloud cloud, String baseName) throws IOException {
        this.settings = settings;
        this.cloud = cloud;
        this.ec2 = cloud.ec2Client();
        String name = clusterName(baseName);
        Path keys = Files.createDirectories(
                cloud.dataDirectory().resolve("junit-keys"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keyFile = cloud.createKeyPair(name + "-key", keys.resolve(name + ".pem"));
        ClusterSpec.Builder spec = ClusterSpec.builder()
                .name(name)
                .keyPair(name + "-key", keyFile)
                .slaves(settings.slaves())
                .sshPort(cloud.sshPort())
                .readyTimeout(READY_TIMEOUT);
        if (settings.spark()) {
            // The nodes share this machine's 127.0.0.1, where Spark Connect listens: a free port per cluster.
            spec.sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m")
                    .pythonPackages(List.of())
                    .sparkConnectPort(freeLoopbackPort());
        }
        ClusterSpec built = spec.build();
        this.thunder = LocalBinding.thunder(cloud); // last: nothing after it can fail and leak its threads
        this.cluster = thunder.cluster(built);
    }

    /** Starts the cloud and makes the (not yet launched) cluster; on failure nothing is left. */
    static LocalClusterFixture start(LocalThunderCluster settings, String testClassName) {
        LocalCloud.Builder builder = LocalCloud.builder().sshBootDelay(Duration.ofMillis(300));
        if (settings.spark()) {
            builder.sparkRuntime(LocalCloud.builtSparkRuntime().orElseThrow());
        }
        LocalCloud cloud = builder.start();
        try {
            return new LocalClusterFixture(settings, cloud, testClassName);
        } catch (IOException e) {
            cloud.close();
            throw new UncheckedIOException(
                    "cannot write the test cluster's key pair under " + cloud.dataDirectory(), e);
        } catch (RuntimeException | Error e) {
            cloud.close();
            throw e;
        }
    }

    /** Launches once, unless the annotation says the tests do: to SERVICES with Spark, else to SSH_READY. */
    void launchIfAsked() {
        if (settings.launch() && launched.compareAndSet(false, true)) {
            cluster.launch(settings.spark() ? LaunchPhase.SERVICES : LaunchPhase.SSH_READY);
        }
    }

    /**
     * The value injected for {@code type}, or null when this fixture has none. The one place that
     * says what a test can ask for (with the extension's INJECTABLE); the {@link SparkConnect}
     * tunnel (its {@code url()} for {@code SparkSession.builder().remote}) is opened on first use
     * and closed in {@link #close()} before the destroy.
     */
    Object value(Class<?> type) {
        if (type == Cluster.class) {
            return cluster;
        }
        if (type == ThunderEc2.class) {
            return thunder;
        }
        if (type == LocalCloud.class) {
            return cloud;
        }
        if (type == Ec2Client.class) {
            return ec2;
        }
        if (type == SparkConnect.class) {
            return sparkConnect();
        }
        return null;
    }

    /**
     * The tunnel to the cluster's Spark Connect server, opened on first use (the cluster must be
     * launched by then); null for an instance field injected before the class's launch.
     */
    private synchronized SparkConnect sparkConnect() {
        if (!settings.spark()) {
            throw new ExtensionConfigurationException("SparkConnect needs Spark: @LocalThunderCluster(spark = true)");
        }
        if (sparkConnect == null || !sparkConnect.isOpen()) {
            if (settings.launch() && !launched.get()) {
                return null; // per-class lifecycle: the instance exists before beforeAll launches
            }
            sparkConnect = cluster.sparkConnect();
        }
        return sparkConnect;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = Thread.interrupted(); // a timed-out test must not stop the clean-up
        try {
            synchronized (this) {
                if (sparkConnect != null) {
                    sparkConnect.close();
                }
            }
            cluster.destroy();
        } catch (RuntimeException e) {
            LOG.warn("destroying the test cluster {} failed", cluster, e);
        } finally {
            thunder.close();
            cloud.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // A cluster name from the test class, unique per run: lower case letters, digits and dashes.
    private static String clusterName(String testClassName) {
        String base = testClassName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "test-" + base;
        }
        base = base.length() > 24 ? base.substring(0, 24) : base;
        return base + "-"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextInt())
                        .substring(0, 6);
    }
}
