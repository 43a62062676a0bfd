package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What describe and idleStatus() say of autostop, on the local cloud: the setting from the nodes'
 * tags (no SSH), the idle time from the master's agent (over SSH), growing while the cluster is
 * idle; a cancel removes the tags, sets the shutdown behaviour back to stop and ends the agents.
 * The test watches the agent's files on this machine, not over SSH, because an SSH session is
 * activity: reading over SSH only between two of the agent's checks leaves its idle time alone.
 */
@ExtendWith(ShortAutostop.class)
class AutostopStatusTest {
    // The agent checks every 15 s (a quarter of this): room for the readings between two checks.
    // (An SSH session is activity: a check that falls inside a reading would reset the idle time.)
    private static final Duration IDLE = Duration.ofSeconds(60);

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
    void describeShowsTheSettingIdleStatusAnIdleTimeThatGrowsAndACancelClearsBoth() {
        Cluster cluster = fx.cluster(fx.spec(name("autoidle")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        List<String> ids = List.of(master, launched.slaves().get(0).instanceId());
        assertThat(launched.autostop()).isEmpty();
        assertThat(cluster.idleStatus()).isEmpty();

        cluster.autostop(Optional.of(IDLE), AutostopAction.TERMINATE);
        assertThat(cluster.describe().autostop()).contains(new Autostop(IDLE, AutostopAction.TERMINATE));
        assertThat(fx.thunder.find(cluster.name()).orElseThrow().autostop())
                .contains(new Autostop(IDLE, AutostopAction.TERMINATE));
        ids.forEach(id -> assertThat(nodes.shutdownBehavior(id)).isEqualTo("terminate"));

        // The local cloud's nodes share this machine's clock: wait until the agent found the cluster
        // idle and a second of it has passed.
        Path agent = nodes.home(master).resolve(".thunder-ec2/autostop");
        Poll.until(
                "the master's agent to find the cluster idle for a second",
                Duration.ofMinutes(1),
                () -> Optional.of(AutostopNodes.read(agent.resolve("state")) + " "
                                + AutostopNodes.read(agent.resolve("idle-since")))
                        .filter(s -> s.matches("idle \\d+")
                                && Instant.now().getEpochSecond() > Long.parseLong(s.substring(5)) + 1),
                () -> AutostopNodes.read(agent.resolve("state")) + " since "
                        + AutostopNodes.read(agent.resolve("idle-since")));
        IdleStatus first = cluster.idleStatus().orElseThrow();
        assertThat(first.busyWith()).isEmpty();
        assertThat(first.idleFor()).isPositive();
        Instant firstRead = Instant.now();
        Poll.until(
                "a second to pass",
                Duration.ofMinutes(1),
                () -> Optional.of(Instant.now()).filter(now -> now.isAfter(firstRead.plusSeconds(1))),
                () -> "now " + Instant.now());
        IdleStatus later = cluster.idleStatus().orElseThrow();
        assertThat(later.busyWith()).isEmpty();
        assertThat(later.idleFor()).isGreaterThan(first.idleFor());

        cluster.autostop(Optional.empty());
        assertThat(cluster.describe().autostop()).isEmpty();
        assertThat(cluster.idleStatus()).isEmpty();
        for (String id : ids) {
            assertThat(nodes.shutdownBehavior(id)).isEqualTo("stop");
            assertThat(tags(id)).noneMatch(t -> t.key().startsWith("thunder:autostop"));
            assertThat(nodes.agentFile(id, "autostop.conf")).doesNotExist();
        }
    }

    private List<Tag> tags(String id) {
        return fx.ec2
                .describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .tags();
    }
}
