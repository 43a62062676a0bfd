package org.thunderproject.ec2.internal.ec2;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.thunderproject.ec2.NodeRole;

/**
 * The ingress rules of the two groups (spark-ec2's): all traffic between and within the groups;
 * from each authorized CIDR, SSH and the Spark ports (master) or SSH and the worker UI (slaves).
 */
public final class IngressRules {
    /** Spark's ports on the master besides SSH: web UIs, history server, application UIs, master RPC, REST. */
    static final int[][] MASTER_PORTS = {{8080, 8081}, {18080, 18080}, {4040, 4045}, {7077, 7077}, {6066, 6066}};
    /** Worker web UI ports on the slaves besides SSH. */
    static final int[][] SLAVE_PORTS = {{8080, 8081}};

    private IngressRules() {}

    /** The rules group {@code role} needs. */
    public static Set<Rule> required(
            NodeRole role, int sshPort, List<String> cidrs, String masterGroupId, String slavesGroupId) {
        Set<Rule> rules = new LinkedHashSet<>();
        rules.add(Rule.allFromGroup(masterGroupId));
        rules.add(Rule.allFromGroup(slavesGroupId));
        int[][] ports = role == NodeRole.MASTER ? MASTER_PORTS : SLAVE_PORTS;
        for (String cidr : cidrs) {
            rules.add(Rule.tcpFromCidr(sshPort, sshPort, cidr));
            for (int[] range : ports) {
                rules.add(Rule.tcpFromCidr(range[0], range[1], cidr));
            }
        }
        return rules;
    }

    /** The rules of {@code group} that admit members of any of {@code groupIds} (they block deleting those groups). */
    public static Set<Rule> referencing(GroupRecord group, List<String> groupIds) {
        Set<Rule> out = new LinkedHashSet<>();
        for (Rule rule : group.ingress()) {
            if (rule.fromGroup() && groupIds.contains(rule.source())) {
                out.add(rule);
            }
        }
        return out;
    }
}
