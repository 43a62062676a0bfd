package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.NodeRole;

class IngressRulesTest {

    @Test
    void masterGetsGroupTrafficSshAndSparkPortsPerCidr() {
        Set<Rule> rules = IngressRules.required(
                NodeRole.MASTER, 2222, List.of("203.0.113.7/32", "2001:db8::/64"), "sg-m", "sg-s");

        assertThat(rules)
                .contains(
                        Rule.allFromGroup("sg-m"),
                        Rule.allFromGroup("sg-s"),
                        Rule.tcpFromCidr(2222, 2222, "203.0.113.7/32"),
                        Rule.tcpFromCidr(8080, 8081, "203.0.113.7/32"),
                        Rule.tcpFromCidr(18080, 18080, "203.0.113.7/32"),
                        Rule.tcpFromCidr(4040, 4045, "203.0.113.7/32"),
                        Rule.tcpFromCidr(7077, 7077, "203.0.113.7/32"),
                        Rule.tcpFromCidr(6066, 6066, "203.0.113.7/32"),
                        Rule.tcpFromCidr(2222, 2222, "2001:db8::/64"));
        assertThat(rules).hasSize(2 + 6 * 2);
        assertThat(rules).noneMatch(r -> r.source().equals("0.0.0.0/0"));
        assertThat(Rule.tcpFromCidr(22, 22, "2001:db8::/64").kind()).isEqualTo(Rule.SourceKind.CIDR_V6);
    }

    @Test
    void slavesGetGroupTrafficSshAndWorkerUi() {
        Set<Rule> rules = IngressRules.required(NodeRole.SLAVE, 22, List.of("203.0.113.7/32"), "sg-m", "sg-s");

        assertThat(rules)
                .containsExactlyInAnyOrder(
                        Rule.allFromGroup("sg-m"),
                        Rule.allFromGroup("sg-s"),
                        Rule.tcpFromCidr(22, 22, "203.0.113.7/32"),
                        Rule.tcpFromCidr(8080, 8081, "203.0.113.7/32"));
    }

    @Test
    void referencingFindsOnlyGroupRulesOfTheCluster() {
        GroupRecord group = new GroupRecord(
                "sg-m",
                "demo-master",
                Optional.empty(),
                Map.of(),
                Set.of(
                        Rule.allFromGroup("sg-m"),
                        Rule.allFromGroup("sg-s"),
                        Rule.allFromGroup("sg-other"),
                        Rule.tcpFromCidr(22, 22, "203.0.113.7/32")));

        assertThat(IngressRules.referencing(group, List.of("sg-m", "sg-s")))
                .containsExactlyInAnyOrder(Rule.allFromGroup("sg-m"), Rule.allFromGroup("sg-s"));
    }

    @Test
    void sdkPermissionsRoundTrip() {
        for (Rule rule : List.of(
                Rule.allFromGroup("sg-1"),
                Rule.tcpFromCidr(4040, 4045, "10.0.0.0/8"),
                Rule.tcpFromCidr(22, 22, "2001:db8::/64"))) {
            assertThat(SdkRecords.fromPermission(SdkRecords.toPermission(rule))).containsExactly(rule);
        }
    }
}
