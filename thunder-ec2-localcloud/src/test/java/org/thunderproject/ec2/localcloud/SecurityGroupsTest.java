package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** Security groups and their ingress rules, with EC2's errors. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class SecurityGroupsTest {

    private Ec2Client ec2;
    private LocalCloud cloud;

    private String create(String name) {
        return ec2.createSecurityGroup(r -> r.groupName(name).description("group " + name))
                .groupId();
    }

    private SecurityGroup byId(String id) {
        return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
    }

    @Test
    void createDescribeByNameIdAndFilters() {
        String vpcId = ec2.describeVpcs().vpcs().get(0).vpcId();
        var created = ec2.createSecurityGroup(
                r -> r.groupName("demo-master").description("Spark master").tagSpecifications(t -> t.resourceType(
                                ResourceType.SECURITY_GROUP)
                        .tags(x -> x.key("thunder:cluster").value("demo"))));
        String slaves = create("demo-slaves");

        assertThat(created.groupId()).matches("sg-[0-9a-f]{17}");
        assertThat(created.tags()).hasSize(1);
        SecurityGroup master = ec2.describeSecurityGroups(r -> r.groupNames("demo-master"))
                .securityGroups()
                .get(0);
        assertThat(master.groupId()).isEqualTo(created.groupId());
        assertThat(master.description()).isEqualTo("Spark master");
        assertThat(master.vpcId()).isEqualTo(vpcId);
        assertThat(master.ipPermissions()).isEmpty();
        assertThat(master.ipPermissionsEgress()).singleElement().satisfies(p -> assertThat(p.ipProtocol())
                .isEqualTo("-1"));
        assertThat(byId(slaves).groupName()).isEqualTo("demo-slaves");

        assertThat(ec2.describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-name").values("demo-*")))
                        .securityGroups())
                .extracting(SecurityGroup::groupName)
                .containsExactly("demo-master", "demo-slaves");
        assertThat(ec2.describeSecurityGroups(r ->
                                r.filters(f -> f.name("tag:thunder:cluster").values("demo")))
                        .securityGroups())
                .extracting(SecurityGroup::groupId)
                .containsExactly(created.groupId());
        assertThat(ec2.describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-id").values(slaves), f -> f.name("vpc-id")
                                        .values(vpcId)))
                        .securityGroups())
                .hasSize(1);
        assertThat(ec2.describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-name").values("default")))
                        .securityGroups())
                .hasSize(1);
    }

    @Test
    void createErrors() {
        create("dup");
        assertThat(errorCode(() -> create("dup"))).isEqualTo("InvalidGroup.Duplicate");
        assertThat(errorCode(() ->
                        ec2.createSecurityGroup(r -> r.groupName("sg-1234").description("x"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.createSecurityGroup(r -> r.groupName("no-description"))))
                .isEqualTo("MissingParameter");
        assertThat(errorCode(() -> ec2.createSecurityGroup(
                        r -> r.groupName("bad-vpc").description("x").vpcId("vpc-0123456789abcdef0"))))
                .isEqualTo("InvalidVpcID.NotFound");
        assertThat(errorCode(() -> ec2.describeSecurityGroups(r -> r.groupIds("sg-0123456789abcdef0"))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> ec2.describeSecurityGroups(r -> r.groupNames("nothing-here"))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> ec2.describeSecurityGroups(
                        r -> r.filters(f -> f.name("colour").values("x")))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void authorizeAndRevokeCidrAndGroupRules() {
        String master = create("rules-master");
        String slaves = create("rules-slaves");

        AuthorizeSecurityGroupIngressResponse authorized = ec2.authorizeSecurityGroupIngress(r -> r.groupId(master)
                .ipPermissions(
                        IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(x -> x.cidrIp("203.0.113.7/32").description("caller"))
                                .ipv6Ranges(x -> x.cidrIpv6("2001:db8::/64"))
                                .build(),
                        IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(8080)
                                .toPort(8081)
                                .ipRanges(x -> x.cidrIp("203.0.113.7/32"))
                                .build(),
                        IpPermission.builder()
                                .ipProtocol("-1")
                                .userIdGroupPairs(p -> p.groupId(slaves), p -> p.groupId(master))
                                .build()));
        assertThat(authorized.returnValue()).isTrue();
        assertThat(authorized.securityGroupRules()).hasSize(5).allSatisfy(rule -> assertThat(rule.securityGroupRuleId())
                .startsWith("sgr-"));

        List<IpPermission> permissions = byId(master).ipPermissions();
        assertThat(permissions).hasSize(3);
        IpPermission ssh = permissions.get(0);
        assertThat(ssh.ipProtocol()).isEqualTo("tcp");
        assertThat(ssh.fromPort()).isEqualTo(22);
        assertThat(ssh.ipRanges()).singleElement().satisfies(range -> {
            assertThat(range.cidrIp()).isEqualTo("203.0.113.7/32");
            assertThat(range.description()).isEqualTo("caller");
        });
        assertThat(ssh.ipv6Ranges()).singleElement().satisfies(range -> assertThat(range.cidrIpv6())
                .isEqualTo("2001:db8::/64"));
        assertThat(permissions.get(1).toPort()).isEqualTo(8081);
        assertThat(permissions.get(2).userIdGroupPairs())
                .extracting(p -> p.groupId())
                .containsExactly(slaves, master);
        assertThat(ec2.describeSecurityGroups(r ->
                                r.filters(f -> f.name("ip-permission.group-id").values(slaves)))
                        .securityGroups())
                .extracting(SecurityGroup::groupId)
                .containsExactly(master);

        // Same rule again: duplicate, and nothing of the request is added.
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(master)
                        .ipPermissions(
                                IpPermission.builder()
                                        .ipProtocol("tcp")
                                        .fromPort(9000)
                                        .toPort(9000)
                                        .ipRanges(x -> x.cidrIp("10.0.0.0/8"))
                                        .build(),
                                IpPermission.builder()
                                        .ipProtocol("tcp")
                                        .fromPort(22)
                                        .toPort(22)
                                        .ipRanges(x -> x.cidrIp("203.0.113.7/32"))
                                        .build()))))
                .isEqualTo("InvalidPermission.Duplicate");
        assertThat(byId(master).ipPermissions()).hasSize(3);

        ec2.revokeSecurityGroupIngress(r -> r.groupId(master)
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(22)
                        .toPort(22)
                        .ipRanges(x -> x.cidrIp("203.0.113.7/32"))
                        .build()));
        assertThat(byId(master).ipPermissions().get(0).ipRanges()).isEmpty();
        assertThat(errorCode(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(master)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(x -> x.cidrIp("203.0.113.7/32"))
                                .build()))))
                .isEqualTo("InvalidPermission.NotFound");
    }

    @Test
    void legacyTopLevelRuleFormAndGroupNames() {
        String id = create("legacy");
        ec2.authorizeSecurityGroupIngress(r -> r.groupName("legacy")
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .cidrIp("198.51.100.0/24"));
        ec2.authorizeSecurityGroupIngress(r -> r.groupName("legacy")
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("udp")
                        .fromPort(53)
                        .toPort(53)
                        .userIdGroupPairs(p -> p.groupName("legacy"))
                        .build()));
        List<IpPermission> permissions = byId(id).ipPermissions();
        assertThat(permissions).extracting(IpPermission::ipProtocol).containsExactly("tcp", "udp");
        assertThat(permissions.get(1).userIdGroupPairs()).singleElement().satisfies(p -> assertThat(p.groupId())
                .isEqualTo(id));
        ec2.revokeSecurityGroupIngress(
                r -> r.groupId(id).ipProtocol("tcp").fromPort(443).toPort(443).cidrIp("198.51.100.0/24"));
        assertThat(byId(id).ipPermissions())
                .extracting(IpPermission::ipProtocol)
                .containsExactly("udp");
    }

    @Test
    void ruleValidation() {
        String id = create("validation");
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(x -> x.cidrIp("10.0.0.300/8"))
                                .build()))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .ipRanges(x -> x.cidrIp("10.0.0.0/8"))
                                .build()))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(90)
                                .toPort(80)
                                .ipRanges(x -> x.cidrIp("10.0.0.0/8"))
                                .build()))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .userIdGroupPairs(p -> p.groupId("sg-0123456789abcdef0"))
                                .build()))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0")
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(x -> x.cidrIp("10.0.0.0/8"))
                                .build()))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(byId(id).ipPermissions()).isEmpty();
    }

    @Test
    void deleteRefusedWhileAnotherGroupsRuleReferencesIt() {
        String master = create("ref-master");
        String slaves = create("ref-slaves");
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(master)
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("-1")
                        .userIdGroupPairs(p -> p.groupId(slaves))
                        .build()));

        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(slaves))))
                .isEqualTo("DependencyViolation");
        ec2.revokeSecurityGroupIngress(r -> r.groupId(master)
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("-1")
                        .userIdGroupPairs(p -> p.groupId(slaves))
                        .build()));
        assertThat(ec2.deleteSecurityGroup(r -> r.groupId(slaves)).returnValue())
                .isTrue();
        assertThat(ec2.deleteSecurityGroup(r -> r.groupName("ref-master")).groupId())
                .isEqualTo(master);
        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(master))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupName("ref-master"))))
                .isEqualTo("InvalidGroup.NotFound");
    }

    @Test
    void deleteRefusedWhileANonTerminatedInstanceIsInIt() {
        String group = create("in-use");
        String ami = TestSupport.al2023(ec2);
        String instance = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .securityGroupIds(group))
                .instances()
                .get(0)
                .instanceId();

        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(group))))
                .isEqualTo("DependencyViolation");
        // Shutting down still counts: slow it down so the check sees that state.
        cloud.faults()
                .transitionTimes(
                        java.time.Duration.ofMillis(250),
                        java.time.Duration.ofMillis(200),
                        java.time.Duration.ofSeconds(30));
        ec2.terminateInstances(r -> r.instanceIds(instance));
        assertThat(TestSupport.describe(ec2, instance).state().nameAsString()).isEqualTo("shutting-down");
        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(group))))
                .isEqualTo("DependencyViolation");
        cloud.faults().clear();

        // A second group whose instance terminates with the default timing.
        String other = create("in-use-2");
        String second = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .securityGroupIds(other))
                .instances()
                .get(0)
                .instanceId();
        ec2.terminateInstances(r -> r.instanceIds(second));
        TestSupport.awaitState(ec2, second, "terminated");
        assertThat(ec2.deleteSecurityGroup(r -> r.groupId(other)).returnValue()).isTrue();
    }

    @Test
    void rulesCanBeRevokedByRuleId() {
        String id = create("by-rule-id");
        var rules = ec2.authorizeSecurityGroupIngress(r -> r.groupId(id)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(7077)
                                .toPort(7077)
                                .ipRanges(x -> x.cidrIp("192.0.2.1/32"), x -> x.cidrIp("192.0.2.2/32"))
                                .build()))
                .securityGroupRules();
        var revoked = ec2.revokeSecurityGroupIngress(
                r -> r.groupId(id).securityGroupRuleIds(rules.get(0).securityGroupRuleId()));
        assertThat(revoked.revokedSecurityGroupRules()).singleElement().satisfies(rule -> assertThat(rule.cidrIpv4())
                .isEqualTo("192.0.2.1/32"));
        assertThat(byId(id).ipPermissions().get(0).ipRanges())
                .extracting(range -> range.cidrIp())
                .containsExactly("192.0.2.2/32");
        assertThat(errorCode(() -> ec2.revokeSecurityGroupIngress(
                        r -> r.groupId(id).securityGroupRuleIds("sgr-0123456789abcdef0"))))
                .isEqualTo("InvalidSecurityGroupRuleId.NotFound");
        assertThat(errorCode(() -> ec2.describeSecurityGroups(r -> r.groupIds("web-servers"))))
                .isEqualTo("InvalidGroupId.Malformed");
    }

    @Test
    void theDefaultGroupCannotBeDeleted() {
        assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupName("default"))))
                .isEqualTo("CannotDelete");
    }
}
