package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/** How a {@link ThunderEc2} is bound to regions and clients, and that close() releases everything. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThunderEc2ClientTest {
    private LocalCloud cloud;
    private TestKeys.KeyPair key;

    @TempDir
    static Path keys;

    @BeforeAll
    void start() throws Exception {
        cloud = LocalCloud.builder().withoutSsh().start(); // EC2 model only: launches stop at INFRASTRUCTURE
        key = TestKeys.create(cloud.ec2Client(), keys, "client-test-key");
    }

    @AfterAll
    void stop() {
        cloud.close();
    }

    private ThunderEc2.Builder builder() {
        return ThunderEc2.builder()
                .endpointOverride(cloud.endpoint())
                .region(cloud.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .callerAddress(CallerAddress.fixed("127.0.0.1"))
                .pollInterval(Duration.ofMillis(50));
    }

    private ClusterSpec.Builder spec(String name) {
        return ClusterSpec.builder()
                .name(name)
                .keyPair(key.name(), key.file())
                .slaves(2)
                .sshPort(cloud.sshPort());
    }

    @Test
    void aSpecRegionUsesAClientForThatRegion() throws Exception {
        String other = cloud.regions().stream()
                .filter(r -> !r.equals(cloud.region()))
                .findFirst()
                .orElseThrow();
        Ec2Client otherEc2 = cloud.ec2Client(other);
        TestKeys.KeyPair otherKey = TestKeys.create(otherEc2, keys, "client-test-key-" + other);
        try (ThunderEc2 thunder = builder().build()) {
            Cluster cluster = thunder.cluster(spec("elsewhere")
                    .region(other)
                    .keyPair(otherKey.name(), otherKey.file())
                    .build());

            ClusterDescription launched = cluster.launch(LaunchPhase.INFRASTRUCTURE);

            assertThat(launched.region()).isEqualTo(other);
            assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
            assertThat(instancesOf(otherEc2, "elsewhere")).isEqualTo(3);
            assertThat(instancesOf(cloud.ec2Client(), "elsewhere")).isZero();
            assertThat(thunder.find("elsewhere"))
                    .as("find() looks in the ThunderEc2's own region")
                    .isEmpty();
            cluster.destroy();
        }
    }

    @Test
    void aReadyClientIsUsedAndNotClosedAndFixesTheRegion() {
        Ec2Client ready = cloud.ec2Client();
        ThunderEc2 thunder = ThunderEc2.builder()
                .ec2Client(ready)
                .callerAddress(CallerAddress.fixed("127.0.0.1"))
                .pollInterval(Duration.ofMillis(50))
                .build();
        assertThat(thunder.region()).isEqualTo(cloud.region());
        Cluster cluster = thunder.cluster(spec("ready").build());
        cluster.launch(LaunchPhase.INFRASTRUCTURE);
        cluster.destroy();
        String other = cloud.regions().stream()
                .filter(r -> !r.equals(cloud.region()))
                .findFirst()
                .orElseThrow();

        assertThatThrownBy(() -> thunder.cluster(spec("ready2").region(other).build()))
                .isInstanceOf(ThunderEc2Exception.class)
                .hasMessageContaining("ready")
                .hasMessageContaining(other);

        thunder.close();
        assertThat(ready.describeRegions().regions()).isNotEmpty();
    }

    @Test
    void closeStopsEveryThreadAndRefusesNewWork() throws InterruptedException {
        ThunderEc2 thunder = builder().build();
        Cluster cluster = thunder.cluster(spec("closing").build());
        cluster.launch(LaunchPhase.INFRASTRUCTURE);
        cluster.destroy();
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("thunder-ec2-worker"))
                .toList();
        assertThat(workers).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon())
                .isTrue());

        thunder.close();

        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(10).toMillis());
            assertThat(worker.isAlive())
                    .as("%s after close()", worker.getName())
                    .isFalse();
        }
        assertThatThrownBy(() -> thunder.cluster(spec("after").build())).isInstanceOf(IllegalStateException.class);
        thunder.close();
    }

    @Test
    void readyClientExcludesEndpointAndCredentials() {
        assertThatThrownBy(() -> ThunderEc2.builder()
                        .ec2Client(cloud.ec2Client())
                        .endpointOverride(cloud.endpoint())
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localCloudBindsToTheCloudInOneCallAndAdmitsOnlyLoopback() {
        try (ThunderEc2 thunder = ThunderEc2.builder()
                .localCloud(cloud.endpoint(), cloud.region())
                .build()) {
            Cluster cluster = thunder.cluster(spec("bound").build());

            cluster.launch(LaunchPhase.INFRASTRUCTURE);

            assertThat(thunder.region()).isEqualTo(cloud.region());
            assertThat(instancesOf(cloud.ec2Client(), "bound")).isEqualTo(3);
            // The caller is 127.0.0.1 without any address lookup, and only it is admitted.
            List<String> cidrs = cloud
                    .ec2Client()
                    .describeSecurityGroups(r -> r.groupNames("bound-master"))
                    .securityGroups()
                    .get(0)
                    .ipPermissions()
                    .stream()
                    .flatMap(p -> p.ipRanges().stream())
                    .map(r -> r.cidrIp())
                    .distinct()
                    .toList();
            assertThat(cidrs).containsExactly(cloud.callerAddress() + "/32");
            cluster.destroy();
            assertThat(thunder.find("bound")).isEmpty();
        }
    }

    @Test
    void localCloudRefusesAnEndpointOffLoopback() {
        assertThatThrownBy(() -> ThunderEc2.builder()
                        .localCloud(java.net.URI.create("https://ec2.us-east-1.amazonaws.com"), "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localCloud(endpoint, region)")
                .hasMessageContaining("loopback")
                .hasMessageContaining("endpointOverride");
        assertThatThrownBy(
                        () -> ThunderEc2.builder().localCloud(java.net.URI.create("http://10.0.0.5:4566"), "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://10.0.0.5:4566");
        // Any 127.0.0.0/8 address, ::1 and localhost are loopback.
        ThunderEc2.builder().localCloud(java.net.URI.create("http://127.0.0.2:4566"), "us-east-1");
        ThunderEc2.builder().localCloud(java.net.URI.create("http://[::1]:4566"), "us-east-1");
        ThunderEc2.builder().localCloud(java.net.URI.create("http://localhost:4566"), "us-east-1");
    }

    private static int instancesOf(Ec2Client ec2, String cluster) {
        return ec2
                .describeInstances(r -> r.filters(Filter.builder()
                        .name("tag:thunder:cluster")
                        .values(cluster)
                        .build()))
                .reservations()
                .stream()
                .mapToInt(r -> r.instances().size())
                .sum();
    }
}
