package org.thunderproject.ec2.internal.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.IdleStatus;

/** How the agent's files ({@code state}, {@code idle-since}) and the node's clock become an {@link IdleStatus}. */
class AgentStatusTest {

    @Test
    void idleIsTheNodesClockLessIdleSince() {
        assertThat(AgentStatus.parse("idle\n1000\n1754\n"))
                .contains(new IdleStatus(Duration.ofSeconds(754), Optional.empty()));
        // A clock that went back is no negative idle time.
        assertThat(AgentStatus.parse("idle\n1000\n990\n")).contains(new IdleStatus(Duration.ZERO, Optional.empty()));
    }

    @Test
    void busySaysWithWhatAndIsNotIdle() {
        assertThat(AgentStatus.parse("busy (ssh session)\n1000\n1002\n"))
                .contains(new IdleStatus(Duration.ZERO, Optional.of("ssh session")));
        assertThat(AgentStatus.parse("busy\n1000\n1002\n"))
                .contains(new IdleStatus(Duration.ZERO, Optional.of("busy")));
    }

    @Test
    void anythingElseIsNoAgent() {
        assertThat(AgentStatus.parse("")).isEmpty();
        assertThat(AgentStatus.parse("idle\n1000\n")).isEmpty();
        assertThat(AgentStatus.parse("idle\nsoon\n1002\n")).isEmpty();
        assertThat(AgentStatus.parse("sleeping\n1000\n1002\n")).isEmpty();
    }
}
