package org.thunderproject.ec2.internal.ec2;

import java.util.Objects;
import org.thunderproject.ec2.internal.Cidrs;

/**
 * One ingress rule of a security group, in a form that compares by value.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all traffic)
 * @param fromPort first port, -1 for all traffic
 * @param toPort last port, -1 for all traffic
 * @param source a CIDR or a security group id
 * @param kind what {@code source} is
 */
public record Rule(String protocol, int fromPort, int toPort, String source, SourceKind kind) {

    /** What a rule admits traffic from. */
    public enum SourceKind {
        /** An IPv4 CIDR. */
        CIDR_V4,
        /** An IPv6 CIDR. */
        CIDR_V6,
        /** Members of a security group. */
        GROUP
    }

    /** Checks for nulls. */
    public Rule {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
    }

    /** All traffic from members of group {@code groupId}. */
    public static Rule allFromGroup(String groupId) {
        return new Rule("-1", -1, -1, groupId, SourceKind.GROUP);
    }

    /** TCP ports {@code from}..{@code to} from {@code cidr}. */
    public static Rule tcpFromCidr(int from, int to, String cidr) {
        return new Rule("tcp", from, to, cidr, Cidrs.isIpv6(cidr) ? SourceKind.CIDR_V6 : SourceKind.CIDR_V4);
    }

    /** Whether the rule admits members of a group (as opposed to a CIDR). */
    public boolean fromGroup() {
        return kind == SourceKind.GROUP;
    }
}
