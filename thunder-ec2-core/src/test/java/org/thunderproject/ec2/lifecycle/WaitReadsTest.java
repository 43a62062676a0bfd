package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * What the waits read from EC2 (seen through a user's execution interceptor). The wait for {@code
 * running}: while nodes are pending, only the cluster's pending instances, with one read of the
 * whole cluster when none is left; a node that goes away while another stays pending still ends
 * the launch with the cluster-state error, not a timeout. The wait for termination: only live
 * instances, the first look one poll interval after EC2 answered "shutting-down".
 */
class WaitReadsTest {
    @TempDir
    Path dir;

    private LocalCloud cloud;
    private ThunderEc2 thunder;
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private final List<Long> readTimes = new CopyOnWriteArrayList<>();
    private TestKeys.KeyPair key;

    /**
     * Notes each DescribeInstances ("pending" for a pending-only read, "live" for a read of live
     * instances, "whole" for one without a state filter), each TerminateInstances, and when.
     */
    private final class DescribeRecorder implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DescribeInstancesRequest describe) {
                Optional<Filter> state = describe.filters().stream()
                        .filter(f -> f.name().equals("instance-state-name"))
                        .findFirst();
                note(state.map(f -> f.values().equals(List.of("pending"))
                                ? "pending"
                                : f.values().contains("terminated") ? "other-state" : "live")
                        .orElse("whole"));
            } else if (context.request() instanceof TerminateInstancesRequest) {
                note("TerminateInstances");
            }
        }
    }

    private synchronized void note(String read) {
        reads.add(read);
        readTimes.add(System.nanoTime());
    }

    @BeforeEach
    void start() throws Exception {
        cloud = LocalCloud.builder()
                .withoutSsh()
                .pendingTime(Duration.ofMillis(1500))
                .shuttingDownTime(Duration.ofMillis(500))
                .dataDirectory(dir.resolve("cloud"))
                .start();
        thunder = ThunderEc2.builder()
                .localCloud(cloud.endpoint(), cloud.region())
                .homeDirectory(dir.resolve("home"))
                .addExecutionInterceptor(new DescribeRecorder())
                .build();
        key = TestKeys.create(cloud.ec2Client(), dir, "wait-key");
    }

    @AfterEach
    void stop() {
        thunder.close();
        cloud.close();
    }

    private Cluster cluster(String name, int slaves) {
        Cluster cluster = thunder.cluster(ClusterSpec.builder()
                .name(name)
                .keyPair(key.name(), key.file())
                .slaves(slaves)
                .readyTimeout(Duration.ofMinutes(3))
                .build());
        cluster.addListener(event -> {
            if (event instanceof ClusterEvent.StepStarted s && s.step() == ClusterEvent.Step.WAIT_RUNNING) {
                note("WAIT_RUNNING started");
            } else if (event instanceof ClusterEvent.StepFinished s && s.step() == ClusterEvent.Step.WAIT_RUNNING) {
                note("WAIT_RUNNING finished");
            }
        });
        return cluster;
    }

    @Test
    void whileNodesArePendingOnlyThePendingOnesAreRead() {
        ClusterDescription launched = cluster("pending-reads", 3).launch(LaunchPhase.INFRASTRUCTURE);

        assertThat(launched.nodes()).hasSize(4).allSatisfy(n -> assertThat(n.state())
                .isEqualTo(NodeState.RUNNING));
        List<String> during =
                reads.subList(reads.indexOf("WAIT_RUNNING started") + 1, reads.indexOf("WAIT_RUNNING finished"));
        // 1.5 s of pending at a 50 ms poll is some 30 rounds: all but the last read only pending instances.
        assertThat(during).as("reads during the wait").contains("pending").doesNotContain("other-state");
        assertThat(during.stream().filter("whole"::equals).count())
                .as("whole-cluster describes (by tag and by group) during the wait: " + summary(during))
                .isBetween(1L, 4L);
        // Every whole-cluster round is two describes, so reading the whole cluster each round would break 1..4.
        assertThat(during.stream().filter("pending"::equals).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theWaitForTerminationReadsOnlyLiveInstancesFirstAfterOnePollInterval() {
        Cluster cluster = cluster("live-reads", 2);
        cluster.launch(LaunchPhase.INFRASTRUCTURE);
        int terminate = reads.size();

        cluster.destroy();

        assertThat(cluster.describe().nodes()).isEmpty();
        int at = reads.subList(terminate, reads.size()).indexOf("TerminateInstances") + terminate;
        List<String> after = reads.subList(at + 1, reads.size());
        assertThat(after).as("reads after TerminateInstances").contains("live");
        int wait = after.indexOf("live") + at + 1;
        assertThat(reads.subList(at + 1, wait))
                .as("reads before the wait's first")
                .isEmpty();
        // EC2 answered shutting-down (for 500 ms here): the first look waits one poll interval.
        assertThat(Duration.ofNanos(readTimes.get(wait) - readTimes.get(at)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aNodeThatGoesAwayWhileAnotherStaysPendingEndsTheLaunch() throws Exception {
        cloud.faults().neverLeavePending(1); // the master, launched first
        Cluster cluster = cluster("gone-while-pending", 1);
        CompletableFuture<ClusterDescription> launch =
                CompletableFuture.supplyAsync(() -> cluster.launch(LaunchPhase.INFRASTRUCTURE));

        String slave = Poll.until(
                "the slave running while the master stays pending",
                Duration.ofMinutes(1),
                () -> cloud.ec2Client().describeInstances().reservations().stream()
                        .flatMap(r -> r.instances().stream())
                        .filter(i -> i.state().name() == InstanceStateName.RUNNING)
                        .map(i -> i.instanceId())
                        .findFirst(),
                () -> "instances: "
                        + cloud.ec2Client().describeInstances().reservations().size());
        cloud.ec2Client().terminateInstances(r -> r.instanceIds(slave));

        assertThatThrownBy(() -> launch.get(2, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("node " + slave)
                .hasMessageContaining("while the cluster was starting");
    }

    private static String summary(List<String> reads) {
        return reads.stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()))
                .toString();
    }
}
