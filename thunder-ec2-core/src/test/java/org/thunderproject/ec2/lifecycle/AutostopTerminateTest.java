package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Autostop that terminates, on the local cloud: a cluster launched to terminate when idle does so
 * by itself (each node's shutdown behaviour set through EC2), leaving only its security groups,
 * which {@link org.thunderproject.ec2.ThunderEc2#list()} shows and {@code destroy()} removes; slaves
 * added after {@code autostop(...)} get the cluster's agent and shutdown behaviour and go down with
 * it. SAFETY: the agents power off only through the nodes' own shutdown.
 */
@ExtendWith(ShortAutostop.class)
class AutostopTerminateTest {
    private static final Duration IDLE = Duration.ofSeconds(8);

    @TempDir
    static Path keys;

    private SshFixture fx;
    private AutostopNodes nodes;

    @BeforeEach
    void start() throws Exception {
        fx = SshFixture.start(keys, Duration.ZERO);
        nodes = AutostopNodes.of(fx);
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void terminatesWhenIdleAndLeavesOnlyTheGroupsWhichListShowsAndDestroyRemoves() {
        String name = name("autoterm");
        Cluster cluster = fx.cluster(fx.spec(name).slaves(1).autostop(IDLE).autostopAction(AutostopAction.TERMINATE));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        assertThat(launched.autostop()).contains(new Autostop(IDLE, AutostopAction.TERMINATE));
        List<String> ids = List.of(
                launched.master().orElseThrow().instanceId(),
                launched.slaves().get(0).instanceId());
        for (String id : ids) {
            assertThat(nodes.shutdownBehavior(id)).isEqualTo("terminate");
            assertThat(nodes.describe(id).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("thunder:autostop=PT8S"))
                    .anySatisfy(
                            t -> assertThat(t.key() + "=" + t.value()).isEqualTo("thunder:autostop-action=terminate"));
        }

        for (String id : ids) {
            Instance gone = nodes.await(id, "terminated");
            assertThat(gone.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
        // EC2 does not delete security groups by itself: the cluster is its groups now.
        ClusterDescription left = fx.thunder.list().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not listed: " + fx.thunder.list()));
        assertThat(left.nodes()).isEmpty();
        assertThat(left.state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(left.masterGroupId()).isPresent();
        assertThat(left.slavesGroupId()).isPresent();
        assertThat(cluster.describe()).isEqualTo(left);

        cluster.destroy();
        assertThat(fx.thunder.find(name)).isEmpty();
        assertThat(fx.ec2
                        .describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-name").values(name + "-master", name + "-slaves")))
                        .securityGroups())
                .isEmpty();
    }

    @Test
    void slavesAddedAfterAutostopGetTheAgentAndTheShutdownBehaviourAndGoDownWithTheCluster() throws Exception {
        // No autostop in the spec: the new slave must get the cluster's own, set by autostop(...).
        Cluster cluster = fx.cluster(fx.spec(name("autoadd")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        Path home = nodes.home(master);

        // An SSH session held open on the master keeps the cluster up while it grows.
        CompletableFuture<List<CommandResult>> held = CompletableFuture.supplyAsync(
                () -> cluster.run("while [ ! -f release ]; do sleep 0.2; done", NodeSelector.MASTER));
        Poll.until(
                "the held session is marked",
                Duration.ofMinutes(1),
                () -> Optional.of(nodes.sessions(master)).filter(n -> n > 0),
                () -> "sessions: " + nodes.sessions(master));
        cluster.autostop(Optional.of(IDLE), AutostopAction.TERMINATE);
        ClusterDescription grown = cluster.addSlaves(1, LaunchPhase.SSH_READY);
        assertThat(grown.slaves()).hasSize(2);
        String added = grown.slaves().get(1).instanceId();
        assertThat(grown.autostop()).contains(new Autostop(IDLE, AutostopAction.TERMINATE));
        // Launched with the spec's "stop", then set to the cluster's "terminate" before SSH.
        assertThat(nodes.shutdownBehavior(added)).isEqualTo("terminate");
        assertThat(nodes.agentFile(added, "autostop.conf"))
                .content()
                .contains("idle_seconds=8", "role=slave", "instance=" + added);

        Files.writeString(home.resolve("release"), "");
        assertThat(held.join().get(0).exitStatus()).isZero();
        for (String id : List.of(master, grown.slaves().get(0).instanceId(), added)) {
            assertThat(nodes.await(id, "terminated").stateReason().code())
                    .isEqualTo("Client.InstanceInitiatedShutdown");
        }
    }
}
