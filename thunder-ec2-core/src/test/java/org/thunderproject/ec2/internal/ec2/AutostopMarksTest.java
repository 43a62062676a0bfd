package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/** How the autostop tags read back: from the master first, and only when thunder-ec2 can read them. */
class AutostopMarksTest {

    private static NodeRecord node(String id, NodeRole role, NodeState state, Map<String, String> tags) {
        return new NodeRecord(
                new InstanceRecord(
                        id,
                        state,
                        "m5.large",
                        "us-east-1a",
                        Optional.empty(),
                        Optional.of("10.0.0.1"),
                        Optional.empty(),
                        false,
                        Instant.EPOCH,
                        0,
                        tags,
                        List.of()),
                role);
    }

    private static Inventory inventory(NodeRecord... nodes) {
        return new Inventory("demo", "us-east-1", List.of(nodes), Optional.empty(), Optional.empty());
    }

    @Test
    void theMastersTagsWinAndTheActionDefaultsToStop() {
        NodeRecord slave = node(
                "i-1",
                NodeRole.SLAVE,
                NodeState.RUNNING,
                Map.of(ClusterTags.AUTOSTOP, "PT5M", ClusterTags.AUTOSTOP_ACTION, "terminate"));
        NodeRecord master = node("i-2", NodeRole.MASTER, NodeState.STOPPED, Map.of(ClusterTags.AUTOSTOP, "PT30M"));
        assertThat(AutostopMarks.of(inventory(slave, master)))
                .contains(new Autostop(Duration.ofMinutes(30), AutostopAction.STOP));
        assertThat(AutostopMarks.of(inventory(slave)))
                .contains(new Autostop(Duration.ofMinutes(5), AutostopAction.TERMINATE));
        assertThat(inventory(slave, master).describe().autostop())
                .contains(new Autostop(Duration.ofMinutes(30), AutostopAction.STOP));
    }

    @Test
    void noTagsUnreadableTagsOrOnlyGoneNodesAreNoAutostop() {
        assertThat(AutostopMarks.of(inventory(node("i-1", NodeRole.MASTER, NodeState.RUNNING, Map.of()))))
                .isEmpty();
        assertThat(AutostopMarks.of(inventory(
                        node("i-1", NodeRole.MASTER, NodeState.RUNNING, Map.of(ClusterTags.AUTOSTOP, "30m")))))
                .isEmpty();
        assertThat(AutostopMarks.of(inventory(
                        node("i-1", NodeRole.MASTER, NodeState.TERMINATED, Map.of(ClusterTags.AUTOSTOP, "PT30M")))))
                .isEmpty();
    }
}
