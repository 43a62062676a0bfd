package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/** How the cluster state follows from its nodes and groups, as {@link ClusterState} documents. */
class InventoryTest {
    private static final GroupRecord MASTER_GROUP =
            new GroupRecord("sg-m", "demo-master", Optional.empty(), Map.of(ClusterTags.CLUSTER, "demo"), Set.of());

    private static int counter;

    private static NodeRecord node(NodeRole role, NodeState state) {
        return node(role, state, Map.of());
    }

    private static NodeRecord node(NodeRole role, NodeState state, Map<String, String> tags) {
        counter++;
        InstanceRecord instance = new InstanceRecord(
                "i-" + (1000 - counter),
                state,
                "m5.large",
                "us-east-1a",
                Optional.of("198.51.100." + counter),
                Optional.of("10.0.0." + counter),
                Optional.empty(),
                false,
                Instant.ofEpochSecond(counter),
                0,
                tags,
                List.of());
        return new NodeRecord(instance, role);
    }

    private static Inventory inventory(Optional<GroupRecord> group, NodeRecord... nodes) {
        return new Inventory("demo", "us-east-1", List.of(nodes), group, Optional.empty());
    }

    @Test
    void nothingIsNoneAndGroupsAlonePartial() {
        assertThat(inventory(Optional.empty()).state()).isEqualTo(ClusterState.NONE);
        assertThat(inventory(Optional.empty(), node(NodeRole.MASTER, NodeState.TERMINATED))
                        .state())
                .isEqualTo(ClusterState.NONE);
        assertThat(inventory(Optional.of(MASTER_GROUP)).state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(inventory(Optional.of(MASTER_GROUP), node(NodeRole.MASTER, NodeState.RUNNING))
                        .state())
                .isEqualTo(ClusterState.PARTIAL);
    }

    @Test
    void statesOfCompleteClusters() {
        assertThat(state(NodeState.RUNNING, NodeState.RUNNING)).isEqualTo(ClusterState.RUNNING);
        assertThat(state(NodeState.RUNNING, NodeState.PENDING)).isEqualTo(ClusterState.PENDING);
        assertThat(state(NodeState.STOPPED, NodeState.STOPPED)).isEqualTo(ClusterState.STOPPED);
        assertThat(state(NodeState.STOPPING, NodeState.STOPPED)).isEqualTo(ClusterState.STOPPING);
        assertThat(state(NodeState.RUNNING, NodeState.SHUTTING_DOWN)).isEqualTo(ClusterState.TERMINATING);
        assertThat(state(NodeState.RUNNING, NodeState.STOPPED)).isEqualTo(ClusterState.MIXED);
        assertThat(state(NodeState.PENDING, NodeState.STOPPED)).isEqualTo(ClusterState.MIXED);
    }

    private static ClusterState state(NodeState master, NodeState slave) {
        return inventory(Optional.of(MASTER_GROUP), node(NodeRole.MASTER, master), node(NodeRole.SLAVE, slave))
                .state();
    }

    @Test
    void descriptionLeavesTerminatedNodesOutAndOrdersSlavesByLaunchBatch() {
        NodeRecord master = node(NodeRole.MASTER, NodeState.RUNNING);
        NodeRecord gone = node(NodeRole.SLAVE, NodeState.TERMINATED, Map.of(ClusterTags.BATCH, "0"));
        // Ids descend while batches ascend: the batch decides, not the id or the (changing) launch time.
        NodeRecord first = node(NodeRole.SLAVE, NodeState.RUNNING, Map.of(ClusterTags.BATCH, "1"));
        NodeRecord second = node(NodeRole.SLAVE, NodeState.RUNNING, Map.of(ClusterTags.BATCH, "2"));

        ClusterDescription d = inventory(Optional.of(MASTER_GROUP), second, gone, master, first)
                .describe();

        assertThat(d.master().orElseThrow().instanceId()).isEqualTo(master.id());
        assertThat(d.slaves()).extracting(n -> n.instanceId()).containsExactly(first.id(), second.id());
        assertThat(d.masterGroupId()).contains("sg-m");
        assertThat(d.slavesGroupId()).isEmpty();
        assertThat(d.state()).isEqualTo(ClusterState.RUNNING);
    }
}
