package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Rule;
import org.thunderproject.ec2.localcloud.internal.model.RuleSource;
import org.thunderproject.ec2.localcloud.internal.model.SecurityGroup;

/**
 * CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup, AuthorizeSecurityGroupIngress,
 * RevokeSecurityGroupIngress.
 */
final class SecurityGroupActions {

    private static final String NAME_CHARS = "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*";

    private static final Filters<SecurityGroup> FILTERS = Filters.<SecurityGroup>of()
            .single("group-name", SecurityGroup::name)
            .single("group-id", SecurityGroup::id)
            .single("vpc-id", SecurityGroup::vpcId)
            .single("description", SecurityGroup::description)
            .single("owner-id", SecurityGroup::ownerId)
            .field(
                    "ip-permission.protocol",
                    g -> g.ingress().stream().map(Rule::protocol).toList())
            .field("ip-permission.from-port", g -> g.ingress().stream()
                    .map(r -> String.valueOf(r.fromPort()))
                    .toList())
            .field("ip-permission.to-port", g -> g.ingress().stream()
                    .map(r -> String.valueOf(r.toPort()))
                    .toList())
            .field("ip-permission.cidr", g -> sources(g.ingress(), RuleSource.Ipv4.class)
                    .map(s -> ((RuleSource.Ipv4) s).cidr())
                    .toList())
            .field("ip-permission.ipv6-cidr", g -> sources(g.ingress(), RuleSource.Ipv6.class)
                    .map(s -> ((RuleSource.Ipv6) s).cidr())
                    .toList())
            .field("ip-permission.group-id", g -> sources(g.ingress(), RuleSource.Group.class)
                    .map(s -> ((RuleSource.Group) s).groupId())
                    .toList())
            .field("egress.ip-permission.cidr", g -> sources(g.egress(), RuleSource.Ipv4.class)
                    .map(s -> ((RuleSource.Ipv4) s).cidr())
                    .toList())
            .tags(SecurityGroup::tags);

    private SecurityGroupActions() {}

    private static Stream<RuleSource> sources(List<Rule> rules, Class<? extends RuleSource> kind) {
        return rules.stream().map(Rule::source).filter(kind::isInstance);
    }

    static void register(ActionRegistry registry) {
        registry.locked("CreateSecurityGroup", SecurityGroupActions::create);
        registry.locked("DescribeSecurityGroups", SecurityGroupActions::describe);
        registry.locked("DeleteSecurityGroup", SecurityGroupActions::delete);
        registry.locked("AuthorizeSecurityGroupIngress", SecurityGroupActions::authorize);
        registry.locked("RevokeSecurityGroupIngress", SecurityGroupActions::revoke);
    }

    private static void create(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        String name = params.required("GroupName");
        String description = params.required("GroupDescription");
        String vpcId = params.optional("VpcId").orElse(region.vpc().id());
        if (!vpcId.equals(region.vpc().id())) {
            throw Ec2Error.of("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        if (name.length() > 255 || !name.matches(NAME_CHARS)) {
            throw Ec2Error.invalidValue("Invalid security group name '" + name + "': up to 255 characters of "
                    + "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*");
        }
        if (name.startsWith("sg-")) {
            throw Ec2Error.invalidValue("Group names may not be in the format sg-*.");
        }
        if (description.length() > 255 || !description.matches(NAME_CHARS)) {
            throw Ec2Error.invalidValue("Invalid security group description: up to 255 characters of "
                    + "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*");
        }
        Map<String, String> tags =
                Common.tagSpecifications(params, Set.of("security-group")).getOrDefault("security-group", Map.of());
        if (region.groups().values().stream()
                .anyMatch(g -> g.vpcId().equals(vpcId) && g.name().equals(name))) {
            throw Ec2Error.of(
                    "InvalidGroup.Duplicate",
                    "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        CloudState cloud = request.cloud();
        SecurityGroup group = new SecurityGroup(
                cloud.ids().next("sg"),
                name,
                description,
                vpcId,
                CloudState.ACCOUNT_ID,
                region.name(),
                cloud.nextSeq());
        group.tags().putAll(tags);
        group.egress().add(new Rule(cloud.ids().next("sgr"), "-1", null, null, new RuleSource.Ipv4("0.0.0.0/0"), null));
        region.groups().put(group.id(), group);
        out.leaf("return", true).leaf("groupId", group.id());
        Common.tagSet(out, group.tags());
        out.leaf("securityGroupArn", group.arn());
    }

    private static void describe(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<String> ids = params.strings("GroupId");
        List<String> names = params.strings("GroupName");
        List<SecurityGroup> selected = new ArrayList<>();
        for (String id : ids) {
            selected.add(region.group(id));
        }
        for (String name : names) {
            SecurityGroup group = region.groupByName(name);
            if (!selected.contains(group)) {
                selected.add(group);
            }
        }
        if (ids.isEmpty() && names.isEmpty()) {
            selected.addAll(region.groups().values());
        }
        Predicate<SecurityGroup> filter = FILTERS.parse(params);
        List<SecurityGroup> matching = selected.stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(SecurityGroup::seq))
                .toList();
        Paging.Page<SecurityGroup> page = Paging.page(matching, SecurityGroup::seq, params, 5);
        out.list("securityGroupInfo", page.items(), (w, g) -> {
            w.leaf("ownerId", g.ownerId())
                    .leaf("groupId", g.id())
                    .leaf("groupName", g.name())
                    .leaf("groupDescription", g.description());
            Permissions.write(w, "ipPermissions", g.ingress());
            Permissions.write(w, "ipPermissionsEgress", g.egress());
            w.leaf("vpcId", g.vpcId()).leaf("securityGroupArn", g.arn());
            Common.tagSet(w, g.tags());
        });
        out.leaf("nextToken", page.nextToken());
    }

    private static SecurityGroup target(Request request) {
        QueryParams params = request.params();
        String id = params.string("GroupId");
        if (id != null && !id.isEmpty()) {
            return request.region().group(id);
        }
        String name = params.string("GroupName");
        if (name != null && !name.isEmpty()) {
            return request.region().groupByName(name);
        }
        throw Ec2Error.missing("GroupId or GroupName");
    }

    private static void delete(Request request, XmlWriter out) {
        Region region = request.region();
        SecurityGroup group = target(request);
        if (group.isDefault()) {
            throw Ec2Error.of(
                    "CannotDelete",
                    "the specified group: \"" + group.id() + "\" name: \"default\" cannot be deleted by a user");
        }
        boolean usedByInstance = region.instances().values().stream()
                .anyMatch(i -> i.state() != InstanceState.TERMINATED
                        && i.config().groups().stream().anyMatch(g -> g.id().equals(group.id())));
        boolean referenced = region.groups().values().stream().anyMatch(g -> g != group && g.references(group.id()));
        if (usedByInstance || referenced) {
            throw Ec2Error.of("DependencyViolation", "resource " + group.id() + " has a dependent object");
        }
        region.groups().remove(group.id());
        out.leaf("return", true).leaf("groupId", group.id());
    }

    private static void authorize(Request request, XmlWriter out) {
        SecurityGroup group = target(request);
        List<Rule> wanted = Permissions.parse(request.params(), request.region());
        List<Rule> added = new ArrayList<>();
        for (Rule rule : wanted) {
            boolean exists =
                    Stream.concat(group.ingress().stream(), added.stream()).anyMatch(rule::sameAs);
            if (exists) {
                throw Ec2Error.of(
                        "InvalidPermission.Duplicate", "the specified rule \"" + rule.describe() + "\" already exists");
            }
            added.add(new Rule(
                    request.cloud().ids().next("sgr"),
                    rule.protocol(),
                    rule.fromPort(),
                    rule.toPort(),
                    rule.source(),
                    rule.description()));
        }
        group.ingress().addAll(added);
        out.leaf("return", true);
        out.list("securityGroupRuleSet", added, (w, r) -> Permissions.writeRule(w, group, r, false));
    }

    private static void revoke(Request request, XmlWriter out) {
        SecurityGroup group = target(request);
        QueryParams params = request.params();
        List<Rule> removed = new ArrayList<>();
        List<String> ruleIds = params.strings("SecurityGroupRuleId");
        for (String ruleId : ruleIds) {
            Rule rule = group.ingress().stream()
                    .filter(r -> r.id().equals(ruleId))
                    .findFirst()
                    .orElseThrow(() -> Ec2Error.of(
                            "InvalidSecurityGroupRuleId.NotFound",
                            "The security group rule ID '" + ruleId + "' does not exist"));
            removed.add(rule);
        }
        if (ruleIds.isEmpty()) {
            for (Rule wanted : Permissions.parse(params, request.region())) {
                Rule rule = group.ingress().stream()
                        .filter(wanted::sameAs)
                        .findFirst()
                        .orElseThrow(() -> Ec2Error.of(
                                "InvalidPermission.NotFound",
                                "The specified rule does not exist in this security group."));
                if (!removed.contains(rule)) {
                    removed.add(rule);
                }
            }
        }
        group.ingress().removeAll(removed);
        out.leaf("return", true);
        out.list("revokedSecurityGroupRuleSet", removed, (w, r) -> {
            w.leaf("securityGroupRuleId", r.id())
                    .leaf("groupId", group.id())
                    .leaf("isEgress", false)
                    .leaf("ipProtocol", r.protocol())
                    .leaf("fromPort", r.fromPort() == null ? -1 : r.fromPort())
                    .leaf("toPort", r.toPort() == null ? -1 : r.toPort());
            if (r.source() instanceof RuleSource.Ipv4 v4) {
                w.leaf("cidrIpv4", v4.cidr());
            } else if (r.source() instanceof RuleSource.Ipv6 v6) {
                w.leaf("cidrIpv6", v6.cidr());
            } else if (r.source() instanceof RuleSource.Group g) {
                w.leaf("referencedGroupId", g.groupId());
            }
            w.leaf("description", r.description());
        });
    }
}
