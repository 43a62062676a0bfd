package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/**
 * One atomic security group rule: protocol, port range and one source. EC2's IpPermission is a
 * group of these sharing protocol and ports.
 *
 * @param id {@code sgr-…}
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1} or a number
 * @param fromPort first port (ICMP type); null for all-protocol rules
 * @param toPort last port (ICMP code); null for all-protocol rules
 * @param source where traffic may come from
 * @param description optional description
 */
public record Rule(
        String id, String protocol, Integer fromPort, Integer toPort, RuleSource source, String description) {

    /** Checks the parts. */
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
    }

    /** Whether this rule admits the same traffic as {@code other} (ids and descriptions aside). */
    public boolean sameAs(Rule other) {
        return protocol.equals(other.protocol)
                && Objects.equals(fromPort, other.fromPort)
                && Objects.equals(toPort, other.toPort)
                && source.equals(other.source);
    }

    /** How EC2 describes a rule in its error messages. */
    public String describe() {
        String peer;
        if (source instanceof RuleSource.Ipv4 v4) {
            peer = v4.cidr();
        } else if (source instanceof RuleSource.Ipv6 v6) {
            peer = v6.cidr();
        } else {
            peer = ((RuleSource.Group) source).groupId();
        }
        String proto = protocol.equals("-1") ? "ALL" : protocol.toUpperCase(java.util.Locale.ROOT);
        String ports = fromPort == null ? "" : ", from port: " + fromPort + ", to port: " + toPort;
        return "peer: " + peer + ", " + proto + ports + ", ALLOW";
    }
}
