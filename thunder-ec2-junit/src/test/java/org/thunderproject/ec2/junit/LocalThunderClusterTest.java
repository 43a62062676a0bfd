package org.thunderproject.ec2.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** @LocalThunderCluster: one launched cluster per class, injected, gone with its cloud after the class. */
class LocalThunderClusterTest {

    @Test
    void aSampleClassGetsOneLaunchedClusterThatIsGoneAfterIt() throws Exception {
        Sample.clusters.clear();
        Sample.clouds.clear();
        var summary = SampleRuns.run(Sample.class);
        assertThat(summary.getTestsSucceededCount())
                .as(SampleRuns.failures(summary))
                .isEqualTo(2);
        assertThat(Sample.clusters).hasSize(2);
        assertThat(Sample.clusters.get(1)).isSameAs(Sample.clusters.get(0));
        LocalCloud cloud = Sample.clouds.get(0);
        assertThatThrownBy(cloud::ec2Client).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(cloud.endpoint()).GET().build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void launchFalseHandsOverAClusterNotYetLaunched() {
        var summary = SampleRuns.run(NotLaunched.class);
        assertThat(summary.getTestsSucceededCount())
                .as(SampleRuns.failures(summary))
                .isEqualTo(1);
    }

    @Test
    void noSlavesIsAClearConfigurationError() {
        var summary = SampleRuns.run(NoSlaves.class);
        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("@LocalThunderCluster(slaves = 0)")
                .hasMessageContaining("at least 1 slave");
    }

    /** Two slaves, no services (the launch ends at SSH_READY). Run through the launcher above. */
    @LocalThunderCluster(slaves = 2, spark = false)
    static class Sample {
        static final List<Cluster> clusters = new CopyOnWriteArrayList<>();
        static final List<LocalCloud> clouds = new CopyOnWriteArrayList<>();
        private Cluster field;

        @Test
        void everyNodeAnswersSsh(Cluster cluster, LocalCloud cloud, ThunderEc2 thunder, Ec2Client ec2) {
            clusters.add(cluster);
            clouds.add(cloud);
            assertThat(field).isSameAs(cluster);
            assertThat(cluster.describe().state()).isEqualTo(ClusterState.RUNNING);
            List<CommandResult> results = cluster.run("echo up", NodeSelector.ALL);
            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.stdout().strip())
                    .isEqualTo("up"));
            assertThat(thunder.list()).hasSize(1);
            assertThat(ec2.describeInstances().reservations()).isNotEmpty();
        }

        @Test
        void theSameClusterForTheNextTest(Cluster cluster) {
            clusters.add(cluster);
            assertThat(cluster.describe().nodes()).hasSize(3);
        }
    }

    /** The tests launch it themselves. */
    @LocalThunderCluster(spark = false, launch = false)
    static class NotLaunched {
        @Test
        void nothingExistsYet(Cluster cluster) {
            assertThat(cluster.describe().exists()).isFalse();
        }
    }

    /** A cluster without slaves is refused before any cloud starts. */
    @LocalThunderCluster(slaves = 0, spark = false)
    static class NoSlaves {
        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }
}
