package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * resume() after a launch interrupted at each step, and the client tokens that keep resumes (even
 * concurrent ones) from duplicating instances while a relaunch after destroy gets new ones.
 */
interface ResumeContract extends LifecycleFixture {
    @Test
    default void resumeAfterLaunchInterruptedWithGroupsOnly() {
        String name = name("groups");
        Cluster cluster = interruptedLaunch(
                name, 2, e -> e instanceof ClusterEvent.StepStarted s && s.step() == ClusterEvent.Step.RUN_INSTANCES);

        ClusterDescription partial = cluster.describe();
        assertThat(partial.state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(partial.nodes()).isEmpty();
        assertThat(partial.masterGroupId()).isPresent();
        assertThat(partial.slavesGroupId()).isPresent();
        // Someone removed a rule in the meantime: resume puts it back.
        String masterGroup = partial.masterGroupId().orElseThrow();
        ec2().revokeSecurityGroupIngress(r -> r.groupId(masterGroup).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(7077)
                .toPort(7077)
                .ipRanges(range -> range.cidrIp("127.0.0.1/32"))));

        ClusterDescription resumed = cluster.resume(target().phase());

        assertComplete(resumed, 2);
        assertThat(rawInstances(name)).hasSize(3);
        assertThat(resumed.masterGroupId()).isEqualTo(partial.masterGroupId());
        assertThat(tcpRules(
                        rawGroups(name).stream()
                                .filter(g -> g.groupId().equals(masterGroup))
                                .findFirst()
                                .orElseThrow(),
                        "127.0.0.1/32"))
                .contains("7077-7077");
    }

    @Test
    default void resumeAfterLaunchInterruptedWithMasterOnly() {
        String name = name("master");
        Cluster cluster = interruptedLaunch(
                name, 2, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);

        ClusterDescription partial = cluster.describe();
        assertThat(partial.state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(partial.master()).isPresent();
        assertThat(partial.slaves()).isEmpty();

        ClusterDescription resumed = cluster.resume(target().phase());

        assertComplete(resumed, 2);
        assertThat(resumed.master().orElseThrow().instanceId())
                .isEqualTo(partial.master().orElseThrow().instanceId());
        assertThat(rawInstances(name)).hasSize(3);
    }

    @Test
    default void resumeAfterLaunchInterruptedWithSomeSlavesDuplicatesNothing() {
        String name = name("some");
        Cluster cluster = interruptedLaunch(
                name, 4, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.SLAVE);

        ClusterDescription partial = cluster.describe();
        // Four slaves go in batches of one, two at a time; no batch starts after the interrupt.
        assertThat(partial.master()).isPresent();
        assertThat(partial.slaves()).hasSizeBetween(1, 2);

        ClusterDescription resumed = cluster.resume(target().phase());

        assertComplete(resumed, 4);
        assertThat(ids(resumed.slaves())).containsAll(ids(partial.slaves()));
        assertThat(rawInstances(name)).as("instances ever made for the cluster").hasSize(5);
    }

    @Test
    default void resumeAfterLaunchInterruptedWhileWaiting() {
        Faults faults = requireFaults();
        faults.transitionTimes(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(200));
        String name = name("wait");
        Cluster cluster = interruptedLaunch(name, 2, e -> e instanceof ClusterEvent.Waiting);

        assertThat(cluster.describe().nodes()).hasSize(3);

        ClusterDescription resumed = cluster.resume(target().phase());

        assertComplete(resumed, 2);
        assertThat(rawInstances(name)).hasSize(3);
    }

    @Test
    default void resumeOfACompleteClusterCreatesNothingAndABrokenListenerChangesNothing() {
        String name = name("again");
        Cluster cluster = cluster(spec(name).slaves(1));
        ClusterDescription launched = cluster.launch(target().phase());
        RecordingListener events = new RecordingListener();
        org.thunderproject.ec2.ClusterListener broken = e -> {
            throw new IllegalStateException("a broken listener");
        };
        cluster.addListener(broken).addListener(events);

        ClusterDescription resumed = cluster.resume(target().phase());
        cluster.removeListener(broken);

        assertThat(ids(resumed.nodes())).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(events.of(ClusterEvent.StepStarted.class))
                .anyMatch(s -> s.step() == ClusterEvent.Step.RUN_INSTANCES
                        && s.detail().equals("nothing missing"));
        assertThat(rawInstances(name)).hasSize(2);
    }

    @Test
    default void concurrentResumesShareClientTokensAndDuplicateNothing() throws Exception {
        String name = name("twice");
        interruptedLaunch(name, 4, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ClusterDescription>> resumes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Cluster handle = cluster(spec(name).slaves(4));
                resumes.add(pool.submit(() -> handle.resume(target().phase())));
            }
            for (Future<ClusterDescription> resume : resumes) {
                assertComplete(resume.get(5, TimeUnit.MINUTES), 4);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rawInstances(name)).as("instances ever made for the cluster").hasSize(5);
    }

    @Test
    default void relaunchAfterDestroyGetsNewClientTokens() {
        String name = name("relaunch");
        Cluster cluster = cluster(spec(name).slaves(1));
        cluster.launch(target().phase());
        Set<String> firstTokens =
                rawInstances(name).stream().map(Instance::clientToken).collect(Collectors.toSet());
        Set<String> firstIds =
                rawInstances(name).stream().map(Instance::instanceId).collect(Collectors.toSet());
        cluster.destroy();

        ClusterDescription again = cluster.launch(target().phase());

        assertComplete(again, 1);
        assertThat(ids(again.nodes())).doesNotContainAnyElementsOf(firstIds);
        assertThat(firstTokens).doesNotContainNull();
        assertThat(again.nodes()).allSatisfy(n -> assertThat(firstTokens)
                .doesNotContain(rawInstance(n.instanceId()).clientToken()));
    }
}
