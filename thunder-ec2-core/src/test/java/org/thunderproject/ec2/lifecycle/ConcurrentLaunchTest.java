package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterExistsException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Two launches of one name at the same moment make one cluster: the claim (creating
 * {@code NAME-master}) is atomic, the loser is refused with {@code resume()} in its message and
 * creates nothing. The local cloud's {@link Faults#gather} makes both pass their checks before
 * either claims, so every trial is the race, not a hope of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLaunchTest {
    private static final int TRIALS = 20;
    private static final int SLAVES = 2;

    private LocalCloudTarget target;
    private ThunderEc2 thunder;
    private Ec2Client ec2;
    private Faults faults;
    private TestKeys.KeyPair key;
    private ExecutorService pool;

    @TempDir
    static Path keys;

    @BeforeAll
    void start() throws Exception {
        target = new LocalCloudTarget();
        thunder = target.thunder();
        ec2 = target.ec2();
        faults = target.faults().orElseThrow();
        key = TestKeys.create(ec2, keys, name("key"));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        target.close();
    }

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @Test
    void twoLaunchesOfOneNameMakeOneClusterAndTheLoserIsToldToResume() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            String name = name("race");
            faults.gather("CreateSecurityGroup", 2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> launches = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Cluster handle = thunder.cluster(spec(name).build());
                launches.add(pool.submit(() -> {
                    go.await();
                    try {
                        return handle.launch(LaunchPhase.INFRASTRUCTURE);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> launch : launches) {
                outcomes.add(launch.get(3, TimeUnit.MINUTES));
            }

            String what = "trial " + trial + ": "
                    + outcomes.stream()
                            .map(o -> o instanceof ClusterDescription d
                                    ? "launched " + d.nodes().size() + " nodes"
                                    : o.toString())
                            .toList();
            assertThat(outcomes)
                    .as(what)
                    .filteredOn(ClusterDescription.class::isInstance)
                    .hasSize(1);
            assertThat(outcomes)
                    .as(what)
                    .filteredOn(o -> !(o instanceof ClusterDescription))
                    .singleElement()
                    .isInstanceOfSatisfying(ClusterExistsException.class, e -> {
                        assertThat(e.clusterName()).isEqualTo(name);
                        assertThat(e.getMessage())
                                .contains("already exists", "resume()", "destroy()", "another launch");
                    });
            ClusterDescription cluster = thunder.cluster(spec(name).build()).describe();
            assertThat(cluster.state()).as(what).isEqualTo(ClusterState.RUNNING);
            assertThat(cluster.slaves()).as(what).hasSize(SLAVES);
            assertThat(liveInstances(name)).as(what + ": instances in EC2").hasSize(SLAVES + 1);
            assertThat(groups(name)).as(what).hasSize(2);
            thunder.cluster(spec(name).build()).destroy();
            assertThat(groups(name)).as(what + ": destroyed").isEmpty();
        }
    }

    @Test
    void aResumeWhileTheLaunchRunsJoinsItAndDuplicatesNothing() throws Exception {
        String name = name("join");
        // The launch's first RunInstances waits for the resume's, so both request the same nodes.
        faults.gather("RunInstances", 2);
        Future<ClusterDescription> launch =
                pool.submit(() -> thunder.cluster(spec(name).build()).launch(LaunchPhase.INFRASTRUCTURE));
        Poll.until(
                "the launch to claim the name",
                Duration.ofMinutes(1),
                () -> groups(name).size() == 2 ? Optional.of(true) : Optional.empty(),
                () -> groups(name).toString());
        Future<ClusterDescription> resume =
                pool.submit(() -> thunder.cluster(spec(name).build()).resume(LaunchPhase.INFRASTRUCTURE));

        ClusterDescription launched = launch.get(3, TimeUnit.MINUTES);
        ClusterDescription resumed = resume.get(3, TimeUnit.MINUTES);

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(resumed.nodes())
                .extracting(n -> n.instanceId())
                .containsExactlyInAnyOrderElementsOf(ids(launched.nodes()));
        assertThat(instances(name)).as("instances ever made for the cluster").hasSize(SLAVES + 1);
        thunder.cluster(spec(name).build()).destroy();
    }

    @Test
    void aHalfMadeClaimIsRefusedByLaunchCompletedByResumeAndRemovedByDestroy() {
        String name = name("half");
        String claimed = claimAsIfTheOwnerDied(name);

        assertThatThrownBy(() -> thunder.cluster(spec(name).build()).launch(LaunchPhase.INFRASTRUCTURE))
                .isInstanceOfSatisfying(
                        ClusterExistsException.class, e -> assertThat(e.state()).isEqualTo(ClusterState.PARTIAL))
                .hasMessageContaining("PARTIAL")
                .hasMessageContaining("resume()")
                .hasMessageContaining("destroy()");
        assertThat(instances(name)).as("the refused launch created nothing").isEmpty();
        assertThat(groups(name)).singleElement().satisfies(g -> assertThat(g.groupId())
                .isEqualTo(claimed));

        ClusterDescription resumed = thunder.cluster(spec(name).build()).resume(LaunchPhase.INFRASTRUCTURE);
        assertThat(resumed.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(resumed.masterGroupId()).contains(claimed);
        assertThat(instances(name)).hasSize(SLAVES + 1);
        thunder.cluster(spec(name).build()).destroy();
        assertThat(groups(name)).isEmpty();

        String again = name("gone");
        claimAsIfTheOwnerDied(again);
        thunder.cluster(spec(again).build()).destroy();
        assertThat(groups(again)).isEmpty();
        assertThat(thunder.find(again)).isEmpty();
    }

    /** NAME-master as a launch leaves it when it dies right after the claim. */
    private String claimAsIfTheOwnerDied(String name) {
        return ec2.createSecurityGroup(r -> r.groupName(name + "-master")
                        .description("thunder-ec2 cluster " + name)
                        .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                                .tags(
                                        x -> x.key("thunder:cluster").value(name),
                                        x -> x.key("thunder:role").value("master"),
                                        x -> x.key("thunder:launch-id").value("0123456789abcdef0123"))))
                .groupId();
    }

    private ClusterSpec.Builder spec(String name) {
        return target.adapt(ClusterSpec.builder()
                .name(name)
                .keyPair(key.name(), key.file())
                .slaves(SLAVES)
                .readyTimeout(Duration.ofMinutes(3)));
    }

    private List<Instance> instances(String name) {
        return RawEc2.instances(ec2, name);
    }

    private List<Instance> liveInstances(String name) {
        return instances(name).stream()
                .filter(i -> !Map.of("terminated", 1, "shutting-down", 1)
                        .containsKey(i.state().nameAsString()))
                .toList();
    }

    private List<SecurityGroup> groups(String name) {
        return RawEc2.groups(ec2, name);
    }
}
