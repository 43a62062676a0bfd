package org.thunderproject.ec2.lifecycle;

import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.ssh.HostKeyFingerprints;
import org.thunderproject.ec2.ssh.KnownHosts;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A local cloud whose instances are SSH hosts, a ThunderEc2 on it (its home directory, with the
 * known hosts, under the cloud's data directory), a key pair, and the clusters made for a test
 * class, destroyed on {@link #destroyAll()}.
 */
final class SshFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshFixture.class);

    final LocalCloud cloud;
    final ThunderEc2 thunder;
    final Ec2Client ec2;
    final TestKeys.KeyPair key;
    private final List<Cluster> clusters = new ArrayList<>();

    private SshFixture(LocalCloud cloud, TestKeys.KeyPair key) {
        this.cloud = cloud;
        this.thunder = LocalThunder.bind(cloud);
        this.ec2 = cloud.ec2Client();
        this.key = key;
    }

    /** A cloud whose SSH servers answer {@code bootDelay} after their instance runs. */
    static SshFixture start(Path keyDirectory, Duration bootDelay) throws Exception {
        LocalCloud cloud = LocalCloud.builder().sshBootDelay(bootDelay).start();
        try {
            return new SshFixture(cloud, TestKeys.create(cloud.ec2Client(), keyDirectory, name("key")));
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    ClusterSpec.Builder spec(String name) {
        return ClusterSpec.builder()
                .name(name)
                .keyPair(key.name(), key.file())
                .sshPort(cloud.sshPort())
                .readyTimeout(Duration.ofMinutes(3));
    }

    /** A handle, destroyed by {@link #destroyAll()}. */
    Cluster cluster(ClusterSpec.Builder spec) {
        Cluster cluster = thunder.cluster(spec.build());
        synchronized (clusters) {
            clusters.add(cluster);
        }
        return cluster;
    }

    /** thunder-ec2's known-hosts file. */
    Path knownHostsFile() {
        return thunder.homeDirectory().resolve("known_hosts");
    }

    KnownHosts knownHosts() {
        return KnownHosts.at(knownHostsFile());
    }

    /** The host names (first field) of the known-hosts file's entries. */
    List<String> knownHostIds() throws java.io.IOException {
        if (!Files.exists(knownHostsFile())) {
            return List.of();
        }
        return Files.readAllLines(knownHostsFile()).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0])
                .toList();
    }

    /** The fingerprints the instance's console output shows, read through the plain SDK. */
    HostKeyFingerprints consoleFingerprints(String instanceId) {
        String encoded = ec2.getConsoleOutput(r -> r.instanceId(instanceId)).output();
        String text = encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        return HostKeyFingerprints.fromConsoleOutput(text);
    }

    /** The instance's own directory in the local cloud. */
    Path instanceDirectory(String instanceId) {
        return cloud.dataDirectory().resolve("instances").resolve(instanceId);
    }

    void destroyAll() {
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
    }

    @Override
    public void close() {
        destroyAll();
        thunder.close();
        cloud.close();
    }
}
