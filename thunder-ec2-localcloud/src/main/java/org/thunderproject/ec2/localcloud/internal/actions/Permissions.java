package org.thunderproject.ec2.localcloud.internal.actions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Rule;
import org.thunderproject.ec2.localcloud.internal.model.RuleSource;
import org.thunderproject.ec2.localcloud.internal.model.SecurityGroup;

/**
 * Security group rules in and out of EC2's wire shapes: {@code IpPermissions.N} (and the legacy
 * top-level {@code IpProtocol}/{@code CidrIp}/{@code SourceSecurityGroupName} form) into atomic
 * {@link Rule}s, and rules back into {@code ipPermissions} grouped by protocol and ports.
 */
final class Permissions {

    private static final Pattern IPV4_CIDR =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6_CIDR = Pattern.compile("([0-9a-fA-F:.]+)/(\\d{1,3})");

    private Permissions() {}

    /** The rules a request asks for; rule ids are left empty. */
    static List<Rule> parse(QueryParams params, Region region) {
        List<Rule> rules = new ArrayList<>();
        for (QueryParams permission : params.structs("IpPermissions")) {
            String protocol = protocol(permission.required("IpProtocol"));
            Integer[] ports = ports(
                    protocol,
                    permission.integer("FromPort").orElse(null),
                    permission.integer("ToPort").orElse(null));
            int before = rules.size();
            for (QueryParams range : permission.structs("IpRanges")) {
                rules.add(rule(
                        protocol,
                        ports,
                        new RuleSource.Ipv4(ipv4(range.required("CidrIp"))),
                        range.string("Description")));
            }
            for (QueryParams range : permission.structs("Ipv6Ranges")) {
                rules.add(rule(
                        protocol,
                        ports,
                        new RuleSource.Ipv6(ipv6(range.required("CidrIpv6"))),
                        range.string("Description")));
            }
            for (QueryParams pair : permission.structs("Groups")) {
                rules.add(rule(protocol, ports, groupSource(pair, region), pair.string("Description")));
            }
            if (!permission.structs("PrefixListIds").isEmpty()) {
                throw Ec2Error.invalidValue("Prefix lists are not supported by the local cloud");
            }
            if (rules.size() == before) {
                throw Ec2Error.missing("IpPermissions.N.IpRanges, Ipv6Ranges or Groups (a rule needs a source)");
            }
        }
        String cidr = params.string("CidrIp");
        String sourceGroup = params.string("SourceSecurityGroupName");
        if (cidr != null || sourceGroup != null) {
            String protocol = protocol(params.optional("IpProtocol").orElse(sourceGroup != null ? "-1" : null));
            Integer[] ports = ports(
                    protocol,
                    params.integer("FromPort").orElse(null),
                    params.integer("ToPort").orElse(null));
            if (cidr != null) {
                rules.add(rule(protocol, ports, new RuleSource.Ipv4(ipv4(cidr)), null));
            }
            if (sourceGroup != null) {
                rules.add(rule(
                        protocol,
                        ports,
                        new RuleSource.Group(
                                CloudState.ACCOUNT_ID,
                                region.groupByName(sourceGroup).id()),
                        null));
            }
        }
        if (rules.isEmpty()) {
            throw Ec2Error.missing("IpPermissions");
        }
        return rules;
    }

    private static Rule rule(String protocol, Integer[] ports, RuleSource source, String description) {
        return new Rule("", protocol, ports[0], ports[1], source, description);
    }

    private static RuleSource groupSource(QueryParams pair, Region region) {
        String groupId = pair.string("GroupId");
        String groupName = pair.string("GroupName");
        String userId = pair.optional("UserId").orElse(CloudState.ACCOUNT_ID);
        if (groupId != null) {
            return new RuleSource.Group(userId, region.group(groupId).id());
        }
        if (groupName != null) {
            return new RuleSource.Group(userId, region.groupByName(groupName).id());
        }
        throw Ec2Error.missing("Groups.N.GroupId");
    }

    private static String protocol(String value) {
        if (value == null) {
            throw Ec2Error.missing("IpProtocol");
        }
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "tcp", "6":
                return "tcp";
            case "udp", "17":
                return "udp";
            case "icmp", "1":
                return "icmp";
            case "icmpv6", "58":
                return "icmpv6";
            case "-1", "all":
                return "-1";
            default:
                if (value.matches("\\d{1,3}") && Integer.parseInt(value) <= 255) {
                    return value;
                }
                throw Ec2Error.invalidValue("Invalid value '" + value + "' for IP protocol. Unknown protocol.");
        }
    }

    private static Integer[] ports(String protocol, Integer from, Integer to) {
        switch (protocol) {
            case "tcp", "udp":
                if (from == null || to == null) {
                    throw Ec2Error.invalidValue(
                            "Invalid value 'null' for portRange. Must specify both from and to ports with TCP/UDP.");
                }
                if (from < 0 || to > 65535 || from > to) {
                    throw Ec2Error.invalidValue("Invalid TCP/UDP port range: " + from + "-" + to);
                }
                return new Integer[] {from, to};
            case "icmp", "icmpv6": {
                int type = from == null ? -1 : from;
                int code = to == null ? -1 : to;
                if (type < -1 || type > 255 || code < -1 || code > 255) {
                    throw Ec2Error.invalidValue("Invalid ICMP type or code: " + type + "/" + code);
                }
                return new Integer[] {type, code};
            }
            default:
                return new Integer[] {null, null};
        }
    }

    private static String ipv4(String cidr) {
        Matcher m = IPV4_CIDR.matcher(cidr);
        if (!m.matches()
                || Integer.parseInt(m.group(5)) > 32
                || List.of(m.group(1), m.group(2), m.group(3), m.group(4)).stream()
                        .anyMatch(o -> Integer.parseInt(o) > 255)) {
            throw Ec2Error.invalidValue("CIDR block " + cidr + " is malformed");
        }
        return cidr;
    }

    private static String ipv6(String cidr) {
        Matcher m = IPV6_CIDR.matcher(cidr);
        if (!m.matches() || !m.group(1).contains(":") || Integer.parseInt(m.group(2)) > 128) {
            throw Ec2Error.invalidValue("CIDR block " + cidr + " is malformed");
        }
        try {
            // A literal of hex digits and colons only: no name lookup happens.
            InetAddress.getByName(m.group(1));
        } catch (UnknownHostException e) {
            throw Ec2Error.invalidValue("CIDR block " + cidr + " is malformed");
        }
        return cidr;
    }

    /** Writes {@code rules} as EC2's {@code ipPermissions} list, grouped by protocol and ports. */
    static void write(XmlWriter out, String element, List<Rule> rules) {
        Map<List<Object>, List<Rule>> grouped = new LinkedHashMap<>();
        for (Rule rule : rules) {
            grouped.computeIfAbsent(
                            java.util.Arrays.asList(rule.protocol(), rule.fromPort(), rule.toPort()),
                            k -> new ArrayList<>())
                    .add(rule);
        }
        out.list(element, grouped.values(), (w, group) -> {
            Rule first = group.get(0);
            w.leaf("ipProtocol", first.protocol())
                    .leaf("fromPort", first.fromPort())
                    .leaf("toPort", first.toPort());
            w.list(
                    "groups",
                    group.stream()
                            .filter(r -> r.source() instanceof RuleSource.Group)
                            .toList(),
                    (g, r) -> {
                        RuleSource.Group source = (RuleSource.Group) r.source();
                        g.leaf("userId", source.userId())
                                .leaf("groupId", source.groupId())
                                .leaf("description", r.description());
                    });
            w.list(
                    "ipRanges",
                    group.stream()
                            .filter(r -> r.source() instanceof RuleSource.Ipv4)
                            .toList(),
                    (g, r) -> g.leaf("cidrIp", ((RuleSource.Ipv4) r.source()).cidr())
                            .leaf("description", r.description()));
            w.list(
                    "ipv6Ranges",
                    group.stream()
                            .filter(r -> r.source() instanceof RuleSource.Ipv6)
                            .toList(),
                    (g, r) -> g.leaf("cidrIpv6", ((RuleSource.Ipv6) r.source()).cidr())
                            .leaf("description", r.description()));
            w.list("prefixListIds", List.<Rule>of(), (g, r) -> {});
        });
    }

    /** Writes one rule as a {@code SecurityGroupRule} item. */
    static void writeRule(XmlWriter w, SecurityGroup group, Rule rule, boolean egress) {
        w.leaf("securityGroupRuleId", rule.id())
                .leaf("groupId", group.id())
                .leaf("groupOwnerId", group.ownerId())
                .leaf("isEgress", egress)
                .leaf("ipProtocol", rule.protocol())
                .leaf("fromPort", Objects.requireNonNullElse(rule.fromPort(), -1))
                .leaf("toPort", Objects.requireNonNullElse(rule.toPort(), -1));
        if (rule.source() instanceof RuleSource.Ipv4 v4) {
            w.leaf("cidrIpv4", v4.cidr());
        } else if (rule.source() instanceof RuleSource.Ipv6 v6) {
            w.leaf("cidrIpv6", v6.cidr());
        } else if (rule.source() instanceof RuleSource.Group g) {
            w.element("referencedGroupInfo", r -> r.leaf("groupId", g.groupId()).leaf("userId", g.userId()));
        }
        w.leaf("description", rule.description());
    }
}
