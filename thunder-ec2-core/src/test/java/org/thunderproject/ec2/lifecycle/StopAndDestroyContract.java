package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Destroy of half-launched, pending, still-referenced and already destroyed clusters, stop of spot
 * slaves, and operations on a cluster that does not exist.
 */
interface StopAndDestroyContract extends LifecycleFixture {
    @Test
    default void destroyOfAHalfLaunchedClusterLeavesNothing() {
        String name = name("half");
        Cluster cluster = interruptedLaunch(
                name, 3, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);

        cluster.destroy();

        assertNothingLeft(name);
    }

    @Test
    default void destroyCatchesNodesThatAreStillPending() {
        Faults faults = requireFaults();
        faults.neverLeavePending(1);
        String name = name("pending");
        Cluster cluster = interruptedLaunch(name, 1, e -> e instanceof ClusterEvent.Waiting);
        assertThat(cluster.describe().nodes()).anyMatch(n -> n.state() == NodeState.PENDING);

        cluster.destroy();

        assertNothingLeft(name);
    }

    @Test
    default void destroyRetriesAGroupStillReferencedUntilItsBoundThenFinishesOnceFreed() {
        String name = name("dep");
        Cluster cluster = cluster(spec(name).slaves(1).readyTimeout(Duration.ofSeconds(2)));
        ClusterDescription launched = cluster.launch(target().phase());
        String outsider = ec2().createSecurityGroup(
                        r -> r.groupName(name("outsider")).description("refers to " + name))
                .groupId();
        String masterGroup = launched.masterGroupId().orElseThrow();
        IpPermission fromMaster = IpPermission.builder()
                .ipProtocol("-1")
                .userIdGroupPairs(p -> p.groupId(masterGroup))
                .build();
        ec2().authorizeSecurityGroupIngress(r -> r.groupId(outsider).ipPermissions(fromMaster));

        assertThatThrownBy(cluster::destroy)
                .isInstanceOf(org.thunderproject.ec2.WaitTimeoutException.class)
                .hasMessageContaining(name + "-master")
                .hasMessageContaining("still in use");
        assertThat(rawInstances(name))
                .allSatisfy(i -> assertThat(i.state().nameAsString()).isEqualTo("terminated"));

        ec2().revokeSecurityGroupIngress(r -> r.groupId(outsider).ipPermissions(fromMaster));
        cluster.destroy();

        assertNothingLeft(name);
        ec2().deleteSecurityGroup(r -> r.groupId(outsider));
    }

    @Test
    default void destroyIsIdempotent() {
        String name = name("idem");
        Cluster cluster = cluster(spec(name).slaves(1));
        cluster.launch(target().phase());

        cluster.destroy();
        cluster.destroy();

        assertNothingLeft(name);
        cluster(spec(name("never"))).destroy();
    }

    @Test
    default void operationsOnAnUnknownClusterSayItDoesNotExist() {
        String name = name("ghost");
        Cluster cluster = cluster(spec(name));

        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable operation :
                List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                        () -> cluster.resume(target().phase()), () -> cluster.stop(), () -> cluster.start())) {
            assertThatThrownBy(operation)
                    .isInstanceOf(org.thunderproject.ec2.ClusterNotFoundException.class)
                    .hasMessageContaining("no cluster named '" + name + "'");
        }
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.NONE);
        assertThat(thunder().find(name)).isEmpty();
        assertNothingCreated(name);
    }

    @Test
    default void stoppingSpotSlavesIsRefusedUnlessTheyMayBeTerminated() {
        String name = name("spot");
        Cluster cluster = cluster(spec(name).slaves(2).spotPrice(new BigDecimal("0.05")));
        ClusterDescription launched = cluster.launch(target().phase());
        assertThat(launched.slaves()).allSatisfy(s -> assertThat(s.spot()).isTrue());
        assertThat(launched.master().orElseThrow().spot()).isFalse();

        assertThatThrownBy(() -> cluster.stop())
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("stop(SpotSlaves.TERMINATE)");
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.RUNNING);

        ClusterDescription stopped = cluster.stop(Cluster.SpotSlaves.TERMINATE);

        assertThat(stopped.master().orElseThrow().state()).isEqualTo(NodeState.STOPPED);
        assertThat(stopped.slaves()).isEmpty();

        ClusterDescription resumed = cluster.resume(target().phase());

        assertComplete(resumed, 2);
        assertThat(resumed.master().orElseThrow().instanceId())
                .isEqualTo(launched.master().orElseThrow().instanceId());
        assertThat(ids(resumed.slaves())).doesNotContainAnyElementsOf(ids(launched.slaves()));
    }
}
