package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.awaitState;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** DescribeInstances filters and paging, and the tag actions. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class DescribeInstancesTest {

    private static Ec2Client ec2;
    private static String masterGroup;
    private static String slaveGroup;
    private static String master;
    private static List<String> slaves;
    private static String stopped;

    @BeforeAll
    static void cluster() {
        String ami = TestSupport.al2023(ec2);
        masterGroup = ec2.createSecurityGroup(r -> r.groupName("filt-master").description("m"))
                .groupId();
        slaveGroup = ec2.createSecurityGroup(r -> r.groupName("filt-slaves").description("s"))
                .groupId();
        master = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.large")
                        .minCount(1)
                        .maxCount(1)
                        .securityGroupIds(masterGroup)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                                .tags(x -> x.key("thunder:cluster").value("filt"), x -> x.key("thunder:role")
                                        .value("master"))))
                .instances()
                .get(0)
                .instanceId();
        slaves = ec2
                .runInstances(r -> r.imageId(ami)
                        .instanceType("m5.large")
                        .minCount(11)
                        .maxCount(11)
                        .securityGroupIds(slaveGroup)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                                .tags(x -> x.key("thunder:cluster").value("filt"), x -> x.key("thunder:role")
                                        .value("slave"))))
                .instances()
                .stream()
                .map(Instance::instanceId)
                .toList();
        stopped = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.nano")
                        .minCount(1)
                        .maxCount(1)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                                .tags(x -> x.key("other").value("yes"))))
                .instances()
                .get(0)
                .instanceId();
        awaitState(ec2, stopped, "running");
        ec2.stopInstances(r -> r.instanceIds(stopped));
        awaitState(ec2, stopped, "stopped");
        for (String slave : slaves) {
            awaitState(ec2, slave, "running");
        }
    }

    private static List<String> ids(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .map(Instance::instanceId)
                .toList();
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void filtersByTagsGroupsStateAndIds() {
        List<String> cluster = new ArrayList<>(List.of(master));
        cluster.addAll(slaves);
        assertThat(ids(filter("tag:thunder:cluster", "filt"))).containsExactlyElementsOf(cluster);
        assertThat(ids(filter("tag:thunder:cluster", "fi*"), filter("tag:thunder:role", "master")))
                .containsExactly(master);
        assertThat(ids(filter("tag:thunder:role", "master", "slave"))).hasSize(12);
        assertThat(ids(filter("tag-key", "other"))).containsExactly(stopped);
        assertThat(ids(filter("instance.group-name", "filt-master"))).containsExactly(master);
        assertThat(ids(filter("instance.group-name", "filt-master", "filt-slaves")))
                .hasSize(12);
        assertThat(ids(filter("instance.group-id", slaveGroup))).containsExactlyElementsOf(slaves);
        assertThat(ids(filter("instance-state-name", "stopped"))).containsExactly(stopped);
        assertThat(ids(filter("instance-state-name", "pending", "running"), filter("tag:thunder:cluster", "filt")))
                .hasSize(12);
        assertThat(ids(filter("instance-id", master, stopped))).containsExactly(master, stopped);
        String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
        assertThat(ids(filter("vpc-id", vpc))).hasSize(13);
        assertThat(ids(filter("vpc-id", "vpc-0123456789abcdef0"))).isEmpty();
        assertThat(ids(filter("instance-type", "t3.nano"))).containsExactly(stopped);

        assertThat(ec2.describeInstances(r -> r.instanceIds(stopped, master)).reservations())
                .flatExtracting(res -> res.instances())
                .extracting(Instance::instanceId)
                .containsExactlyInAnyOrder(master, stopped);
    }

    @Test
    void reservationsGroupTheirInstances() {
        DescribeInstancesResponse response =
                ec2.describeInstances(r -> r.filters(filter("tag:thunder:cluster", "filt")));
        assertThat(response.reservations()).hasSize(2);
        assertThat(response.reservations().get(1).instances()).hasSize(11);
        assertThat(response.reservations().get(1).ownerId()).isEqualTo("123456789012");
    }

    @Test
    void pagesWithMaxResultsAndNextToken() {
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            DescribeInstancesResponse page =
                    ec2.describeInstances(r -> r.maxResults(5).nextToken(current));
            int size = page.reservations().stream()
                    .mapToInt(res -> res.instances().size())
                    .sum();
            assertThat(size).isLessThanOrEqualTo(5);
            page.reservations().forEach(res -> res.instances()
                    .forEach(i -> assertThat(seen.add(i.instanceId())).isTrue()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(13);

        // The SDK's paginator walks the same pages.
        List<String> paginated = ec2
                .describeInstancesPaginator(
                        DescribeInstancesRequest.builder().maxResults(6).build())
                .reservations()
                .stream()
                .flatMap(res -> res.instances().stream())
                .map(Instance::instanceId)
                .toList();
        assertThat(paginated).hasSize(13).containsExactlyInAnyOrderElementsOf(seen);
    }

    @Test
    void describeErrors() {
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.instanceIds(master, "i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.instanceIds("server-7"))))
                .isEqualTo("InvalidInstanceID.Malformed");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.filters(filter("flavour", "x")))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.maxResults(2)))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.maxResults(5).instanceIds(master))))
                .isEqualTo("InvalidParameterCombination");
        assertThat(errorCode(() -> ec2.describeInstances(r -> r.maxResults(5).nextToken("bogus"))))
                .isEqualTo("InvalidPaginationToken");
        assertThat(errorCode(() -> ec2.stopInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
    }

    @Test
    void createDeleteAndDescribeTags() {
        String slave = slaves.get(0);
        ec2.createTags(r -> r.resources(slave, slaveGroup)
                .tags(t -> t.key("owner").value("ada"), t -> t.key("Name").value("s0")));
        assertThat(TestSupport.describe(ec2, slave).tags())
                .extracting(t -> t.key() + "=" + t.value())
                .contains("owner=ada", "Name=s0");
        List<TagDescription> tags =
                ec2.describeTags(r -> r.filters(filter("key", "owner"))).tags();
        assertThat(tags)
                .extracting(t -> t.resourceId() + "/" + t.resourceTypeAsString() + "/" + t.value())
                .containsExactly(slave + "/instance/ada", slaveGroup + "/security-group/ada");
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", slave), filter("key", "Name")))
                        .tags())
                .hasSize(1);
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-type", "security-group"), filter("value", "a*")))
                        .tags())
                .extracting(TagDescription::resourceId)
                .containsExactly(slaveGroup);

        // A value that does not match leaves the tag; no value deletes it.
        ec2.deleteTags(r -> r.resources(slave).tags(t -> t.key("owner").value("bob")));
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", slave), filter("key", "owner")))
                        .tags())
                .hasSize(1);
        ec2.deleteTags(r -> r.resources(slave).tags(t -> t.key("owner")));
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", slave), filter("key", "owner")))
                        .tags())
                .isEmpty();
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", slave), filter("key", "Name")))
                        .tags())
                .hasSize(1);

        assertThat(errorCode(() -> ec2.createTags(r ->
                        r.resources("i-0123456789abcdef0").tags(t -> t.key("a").value("b")))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.createTags(r ->
                        r.resources("sg-0123456789abcdef0").tags(t -> t.key("a").value("b")))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> ec2.createTags(
                        r -> r.resources("thing-1").tags(t -> t.key("a").value("b")))))
                .isEqualTo("InvalidID");
        assertThat(errorCode(() -> ec2.createTags(r ->
                        r.resources(slave).tags(t -> t.key("aws:cloudformation").value("b")))))
                .isEqualTo("InvalidParameterValue");
        // 50 tags at most per resource, checked before anything changes.
        List<software.amazon.awssdk.services.ec2.model.Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key("k" + i)
                    .value("v")
                    .build());
        }
        assertThat(errorCode(() -> ec2.createTags(r -> r.resources(slave).tags(many))))
                .isEqualTo("TagLimitExceeded");
        assertThat(TestSupport.describe(ec2, slave).tags())
                .noneMatch(t -> t.key().equals("k0"));
    }
}
