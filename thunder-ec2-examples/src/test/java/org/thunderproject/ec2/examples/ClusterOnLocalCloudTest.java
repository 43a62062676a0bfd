package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.junit.ThunderEc2Extension;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * A downstream integration test, written as a user's project would write it: thunder-ec2-junit's
 * extension gives the class a local cloud and injects it, a {@link ThunderEc2} bound to it and a
 * plain {@link Ec2Client}; the test launches a small cluster (up to SSH, without services),
 * checks it through the API, EC2 and SSH, and destroys it.
 */
@ExtendWith(ThunderEc2Extension.class)
final class ClusterOnLocalCloudTest {

    @Test
    void launchesChecksAndDestroysACluster(LocalCloud cloud, ThunderEc2 thunder, Ec2Client ec2, @TempDir Path dir) {
        Path key = cloud.createKeyPair("it-key", dir.resolve("it-key.pem"));
        Cluster cluster = thunder.cluster(ClusterSpec.builder()
                .name("downstream")
                .keyPair("it-key", key)
                .slaves(2)
                .sshPort(cloud.sshPort())
                .build());

        // Up to SSH: the machines, without installing Spark (a full launch() also provisions services).
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(launched.master()).isPresent();
        assertThat(launched.slaves()).hasSize(2).allSatisfy(n -> assertThat(n.role())
                .isEqualTo(NodeRole.SLAVE));
        assertThat(launched.nodes())
                .extracting(Node::address)
                .allSatisfy(a -> assertThat(a).isPresent())
                .doesNotHaveDuplicates();
        // What EC2 itself reports agrees with the handle.
        List<Instance> tagged = instances(ec2, "downstream");
        assertThat(tagged)
                .extracting(Instance::instanceId)
                .containsExactlyInAnyOrderElementsOf(
                        launched.nodes().stream().map(Node::instanceId).toList());
        assertThat(tagged).allSatisfy(i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING));
        assertThat(thunder.find("downstream")).map(ClusterDescription::state).contains(ClusterState.RUNNING);
        // Every node answers over SSH, each from its own home directory.
        List<CommandResult> homes = cluster.run("pwd");
        assertThat(homes)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.isSuccess()).as(r.stderr()).isTrue());
        assertThat(homes)
                .extracting(r -> r.stdout().strip())
                .doesNotHaveDuplicates()
                .allSatisfy(home ->
                        assertThat(home).startsWith(cloud.dataDirectory().toString()));

        cluster.destroy();

        assertThat(thunder.find("downstream")).isEmpty();
        assertThat(instances(ec2, "downstream"))
                .allSatisfy(i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.TERMINATED));
    }

    private static List<Instance> instances(Ec2Client ec2, String cluster) {
        return ec2
                .describeInstancesPaginator(r -> r.filters(Filter.builder()
                        .name("tag:thunder:cluster")
                        .values(cluster)
                        .build()))
                .reservations()
                .stream()
                .flatMap(r -> r.instances().stream())
                .toList();
    }
}
