package org.thunderproject.ec2.lifecycle;

import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A local cloud whose instances are SSH hosts and which serves the Spark runtime tarball the build
 * made, a key pair, and specs that install that runtime with a small footprint (512m workers, no
 * pip packages: nothing leaves loopback). Its test classes are {@link NeedsSparkRuntime}.
 */
final class ProvisionFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionFixture.class);

    final LocalCloud cloud;
    final ThunderEc2 thunder;
    final Ec2Client ec2;
    final TestKeys.KeyPair key;
    final String sparkUrl;
    private final List<Cluster> clusters = new ArrayList<>();

    private ProvisionFixture(LocalCloud cloud, TestKeys.KeyPair key) {
        this.cloud = cloud;
        this.thunder = LocalThunder.bind(cloud);
        this.ec2 = cloud.ec2Client();
        this.key = key;
        this.sparkUrl = cloud.sparkDownloadUrl().orElseThrow();
    }

    /** A cloud serving the built Spark runtime; fails when there is none (see {@link NeedsSparkRuntime}). */
    static ProvisionFixture start(Path keyDirectory) throws Exception {
        Path runtime = LocalCloud.builtSparkRuntime()
                .orElseThrow(() -> new IllegalStateException(NeedsSparkRuntime.Condition.missing()
                        + " (annotate the test class @NeedsSparkRuntime to skip it instead)"));
        LocalCloud cloud = LocalCloud.builder()
                .sshBootDelay(Duration.ofMillis(300))
                .sparkRuntime(runtime)
                .start();
        try {
            return new ProvisionFixture(cloud, TestKeys.create(cloud.ec2Client(), keyDirectory, name("key")));
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    /** A spec that installs the served runtime, with 512m workers and no pip packages. */
    ClusterSpec.Builder spec(String name) {
        return ClusterSpec.builder()
                .name(name)
                .keyPair(key.name(), key.file())
                .sshPort(cloud.sshPort())
                .sparkDownloadUrl(sparkUrl)
                .sparkWorkerMemory("512m")
                .pythonPackages(List.of())
                .sparkConnectPort(freeLoopbackPort()) // nodes share this machine's 127.0.0.1: one port per cluster
                .readyTimeout(Duration.ofMinutes(3));
    }

    /** A port nothing listens on at 127.0.0.1 now. */
    static int freeLoopbackPort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A handle, destroyed by {@link #close()}. */
    Cluster cluster(ClusterSpec spec) {
        Cluster cluster = thunder.cluster(spec);
        synchronized (clusters) {
            clusters.add(cluster);
        }
        return cluster;
    }

    /** The instance's own directory in the local cloud (its home is {@code home/} in it). */
    Path instanceDirectory(String instanceId) {
        return cloud.dataDirectory().resolve("instances").resolve(instanceId);
    }

    /** The instance's home directory. */
    Path home(String instanceId) {
        return instanceDirectory(instanceId).resolve("home");
    }

    @Override
    public void close() {
        Thread.interrupted();
        List<Cluster> toDestroy;
        synchronized (clusters) {
            toDestroy = List.copyOf(clusters);
            clusters.clear();
        }
        for (Cluster cluster : toDestroy) {
            try {
                cluster.destroy();
            } catch (RuntimeException e) {
                LOG.warn("cleaning up {} failed", cluster, e);
            }
        }
        thunder.close();
        cloud.close();
    }
}
