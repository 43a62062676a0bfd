package org.thunderproject.ec2.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;

/** How list, describe and describe --json show autostop, idle times and clusters reduced to their groups. */
class ClusterListingTest {

    private static final Node MASTER = new Node(
            "i-0m",
            NodeRole.MASTER,
            NodeState.RUNNING,
            "m5.large",
            "us-east-1a",
            Optional.of("198.51.100.7"),
            Optional.of("10.0.0.7"),
            Optional.empty(),
            false,
            Instant.EPOCH);
    private static final Node SLAVE = new Node(
            "i-0s",
            NodeRole.SLAVE,
            NodeState.RUNNING,
            "m5.large",
            "us-east-1a",
            Optional.of("198.51.100.8"),
            Optional.of("10.0.0.8"),
            Optional.empty(),
            false,
            Instant.EPOCH);

    private static final ClusterDescription BUSY = cluster(
            "busy", ClusterState.RUNNING, List.of(MASTER, SLAVE), Optional.of(autostop(30, AutostopAction.STOP)));
    private static final ClusterDescription IDLE = cluster(
            "idle", ClusterState.RUNNING, List.of(MASTER, SLAVE), Optional.of(autostop(90, AutostopAction.TERMINATE)));
    private static final ClusterDescription PLAIN =
            cluster("plain", ClusterState.RUNNING, List.of(MASTER, SLAVE), Optional.empty());
    private static final ClusterDescription LEFT = cluster("left", ClusterState.PARTIAL, List.of(), Optional.empty());

    private static final Map<String, IdleReading> READINGS = Map.of(
            "busy", IdleReading.of(Optional.of(new IdleStatus(Duration.ZERO, Optional.of("ssh session")))),
            "idle", IdleReading.of(Optional.of(new IdleStatus(Duration.ofSeconds(754), Optional.empty()))));

    private static Autostop autostop(int minutes, AutostopAction action) {
        return new Autostop(Duration.ofMinutes(minutes), action);
    }

    private static ClusterDescription cluster(
            String name, ClusterState state, List<Node> nodes, Optional<Autostop> autostop) {
        return new ClusterDescription(
                name,
                "us-east-1",
                state,
                nodes.stream().filter(n -> n.role() == NodeRole.MASTER).findFirst(),
                nodes.stream().filter(n -> n.role() == NodeRole.SLAVE).toList(),
                Optional.of("sg-" + name + "m"),
                Optional.of("sg-" + name + "s"),
                autostop);
    }

    @Test
    void listShowsAutostopIdleTimesAndWhatIsLeftOfATerminatedCluster() {
        StringWriter text = new StringWriter();
        ClusterListing.print(
                List.of(BUSY, IDLE, PLAIN, LEFT),
                READINGS,
                name -> "'thunder-ec2 destroy " + name + "'",
                new PrintWriter(text, true));
        assertThat(text.toString())
                .isEqualTo("NAME   STATE    NODES  MASTER        AUTOSTOP         IDLE\n"
                        + "busy   running  2      198.51.100.7  30m stop         busy (ssh session)\n"
                        + "idle   running  2      198.51.100.7  1h30m terminate  12m34s\n"
                        + "plain  running  2      198.51.100.7  -                -\n"
                        + "left   partial  0      -             -                -\n"
                        + "\n"
                        + "Cluster 'left' has no nodes left, only its security groups left-master (sg-leftm),"
                        + " left-slaves (sg-lefts): 'thunder-ec2 destroy left' removes them.\n");
    }

    @Test
    void idleReadingsSayWhyTheyAreUnknown() {
        assertThat(IdleReading.unknown("give -i FILE to read it").text()).isEqualTo("? (give -i FILE to read it)");
        assertThat(IdleReading.of(Optional.empty()).text()).isEqualTo("no agent");
        assertThat(Durations.brief(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.brief(Duration.ofHours(50))).isEqualTo("2d2h");
    }

    @Test
    void describeShowsTheSettingAndTheIdleTime() throws Exception {
        StringWriter text = new StringWriter();
        DescriptionTable.print(IDLE, Optional.of(READINGS.get("idle")), new PrintWriter(text, true));
        assertThat(text.toString()).contains("\n  autostop: terminates after 1h30m idle; idle: 12m34s\n");
        StringWriter plain = new StringWriter();
        DescriptionTable.print(PLAIN, Optional.empty(), new PrintWriter(plain, true));
        assertThat(plain.toString()).contains("\n  autostop: none\n");

        JsonNode json = new ObjectMapper().readTree(new DescriptionJson().write(List.of(BUSY, IDLE, PLAIN), READINGS));
        assertThat(json.get(0).get("autostop").toString())
                .isEqualTo("{\"after\":\"PT30M\",\"action\":\"stop\",\"idleSeconds\":0,\"busyWith\":\"ssh session\"}");
        assertThat(json.get(1).get("autostop").toString())
                .isEqualTo("{\"after\":\"PT1H30M\",\"action\":\"terminate\",\"idleSeconds\":754,\"busyWith\":null}");
        assertThat(json.get(2).get("autostop").isNull()).isTrue();
    }
}
