package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What a launch makes in EC2, read back through the plain SDK: tags, groups and rules, volumes and
 * images, the whole life from launch to a destroy that leaves nothing, and a launch of 200 slaves.
 */
interface LaunchContract extends LifecycleFixture {
    @Test
    default void launchDescribeStopStartDestroyLeavesNothing() {
        String name = name("life");
        String extraGroup = name("ops");
        String extraGroupId = ec2().createSecurityGroup(
                        r -> r.groupName(extraGroup).description("extra group for " + name))
                .groupId();
        RecordingListener events = new RecordingListener();
        Cluster cluster = cluster(spec(name)
                        .slaves(2)
                        .putAdditionalTags("team", "science")
                        .addAdditionalSecurityGroups(extraGroup)
                        .ebsVolumeSizeGb(10)
                        .ebsVolumeCount(2))
                .addListener(events);

        ClusterDescription launched = cluster.launch(target().phase());

        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(launched.slaves()).hasSize(2);
        assertThat(launched.nodes()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.RUNNING);
            assertThat(n.publicIp()).isPresent();
            assertThat(n.privateIp()).isPresent();
        });
        assertThat(events.started())
                .containsSubsequence(
                        ClusterEvent.Step.PREFLIGHT,
                        ClusterEvent.Step.SECURITY_GROUPS,
                        ClusterEvent.Step.RUN_INSTANCES,
                        ClusterEvent.Step.WAIT_RUNNING);
        assertThat(events.finished())
                .containsSubsequence(
                        ClusterEvent.Step.PREFLIGHT,
                        ClusterEvent.Step.SECURITY_GROUPS,
                        ClusterEvent.Step.RUN_INSTANCES,
                        ClusterEvent.Step.WAIT_RUNNING);
        assertThat(events.of(ClusterEvent.NodeStateChanged.class).stream()
                        .filter(e -> e.to() == NodeState.RUNNING)
                        .map(ClusterEvent.NodeStateChanged::instanceId)
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ids(launched.nodes()));

        assertIdentityInEc2(name, launched);
        assertExtrasInEc2(name, launched, extraGroupId);
        assertThat(cluster.describe().nodes())
                .extracting(Node::instanceId)
                .containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(thunder().find(name))
                .hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(ClusterState.RUNNING));
        assertThat(thunder().list()).extracting(ClusterDescription::name).contains(name);

        events.clear();
        ClusterDescription stopped = cluster.stop();

        assertThat(stopped.state()).isEqualTo(ClusterState.STOPPED);
        assertThat(stopped.nodes()).hasSize(3).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.STOPPED);
            assertThat(n.publicIp()).isEmpty();
        });
        assertThat(events.warnings()).anyMatch(w -> w.contains("instance-store"));

        ClusterDescription started = cluster.start(target().phase());

        assertThat(started.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(ids(started.nodes())).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(started.nodes()).allSatisfy(n -> assertThat(n.publicIp()).isPresent());
        if (target().changesAddressesOnRestart()) {
            for (Node node : started.nodes()) {
                Node before = launched.nodes().stream()
                        .filter(n -> n.instanceId().equals(node.instanceId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(node.publicIp())
                        .as("new public address of %s", node.instanceId())
                        .isNotEqualTo(before.publicIp());
            }
        }
        assertThat(cluster.describe().nodes())
                .extracting(Node::publicIp)
                .containsExactlyElementsOf(
                        started.nodes().stream().map(Node::publicIp).toList());

        cluster.destroy();

        assertNothingLeft(name);
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.NONE);
        assertThat(thunder().list()).extracting(ClusterDescription::name).doesNotContain(name);
        ec2().deleteSecurityGroup(r -> r.groupId(extraGroupId));
    }

    private void assertExtrasInEc2(String name, ClusterDescription d, String extraGroupId) {
        for (Instance instance : rawInstances(name)) {
            assertThat(instance.tags())
                    .contains(Tag.builder().key("team").value("science").build());
            assertThat(instance.securityGroups()).extracting(g -> g.groupId()).contains(extraGroupId);
            assertThat(instance.blockDeviceMappings())
                    .extracting(b -> b.deviceName())
                    .contains("/dev/sdf", "/dev/sdg");
        }
        assertThat(rawGroups(name)).allSatisfy(g -> assertThat(g.tags())
                .contains(Tag.builder().key("team").value("science").build()));
        List<software.amazon.awssdk.services.ec2.model.Volume> volumes = ec2().describeVolumes(
                        r -> r.filters(Filter.builder()
                                .name("tag:thunder:cluster")
                                .values(name)
                                .build()))
                .volumes();
        assertThat(volumes.stream().filter(v -> v.size() == 10).count())
                .as("2 extra volumes per node")
                .isEqualTo(2L * d.nodes().size());
    }

    private void assertIdentityInEc2(String name, ClusterDescription d) {
        Map<String, Instance> byId =
                rawInstances(name).stream().collect(Collectors.toMap(Instance::instanceId, i -> i));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids(d.nodes()));
        String masterGroup = d.masterGroupId().orElseThrow();
        String slavesGroup = d.slavesGroupId().orElseThrow();
        for (Node node : d.nodes()) {
            Instance instance = byId.get(node.instanceId());
            Map<String, String> tags = instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
            boolean master = node.role() == NodeRole.MASTER;
            assertThat(tags)
                    .containsEntry("thunder:cluster", name)
                    .containsEntry("thunder:role", master ? "master" : "slave")
                    .containsEntry("Name", name + (master ? "-master" : "-slave"));
            assertThat(instance.securityGroups())
                    .extracting(g -> g.groupId())
                    .contains(master ? masterGroup : slavesGroup);
            assertThat(instance.keyName()).isEqualTo(key().name());
        }
        Map<String, SecurityGroup> groups =
                rawGroups(name).stream().collect(Collectors.toMap(SecurityGroup::groupName, g -> g));
        assertThat(groups).containsOnlyKeys(name + "-master", name + "-slaves");
        int ssh = spec(name).build().sshPort();
        assertThat(tcpRules(groups.get(name + "-master"), "127.0.0.1/32"))
                .containsExactlyInAnyOrder(
                        ssh + "-" + ssh, "8080-8081", "18080-18080", "4040-4045", "7077-7077", "6066-6066");
        assertThat(tcpRules(groups.get(name + "-slaves"), "127.0.0.1/32"))
                .containsExactlyInAnyOrder(ssh + "-" + ssh, "8080-8081");
        for (SecurityGroup group : groups.values()) {
            assertThat(group.ipPermissions().stream()
                            .filter(p -> "-1".equals(p.ipProtocol()))
                            .flatMap(p -> p.userIdGroupPairs().stream())
                            .map(pair -> pair.groupId())
                            .collect(Collectors.toSet()))
                    .as("all traffic between the groups, into %s", group.groupName())
                    .containsExactlyInAnyOrder(masterGroup, slavesGroup);
            assertThat(group.ipPermissions())
                    .flatExtracting(IpPermission::ipRanges)
                    .noneMatch(r -> r.cidrIp().equals("0.0.0.0/0"));
        }
    }

    @Test
    default void imagesAreTheNewestAmazonLinux2023OfEachNodesArchitecture() {
        String name = name("arch");
        ClusterSpec spec = spec(name)
                .slaves(1)
                .masterInstanceType("m5.large")
                .instanceType("m6g.large")
                .build();
        assumeTrue(spec.ami().isEmpty(), "this endpoint has no Amazon Linux 2023 images (an AMI was set for it)");

        ClusterDescription launched = cluster(spec.toBuilder()).launch(target().phase());

        Instance master = rawInstance(launched.master().orElseThrow().instanceId());
        Instance slave = rawInstance(launched.slaves().get(0).instanceId());
        assertThat(master.imageId()).isEqualTo(newestAl2023("x86_64"));
        assertThat(slave.imageId()).isEqualTo(newestAl2023("arm64"));
    }

    private String newestAl2023(String architecture) {
        return ec2()
                .describeImages(r -> r.owners("amazon")
                        .filters(
                                Filter.builder()
                                        .name("name")
                                        .values("al2023-ami-2023.*-kernel-*-" + architecture)
                                        .build(),
                                Filter.builder()
                                        .name("architecture")
                                        .values(architecture)
                                        .build()))
                .images()
                .stream()
                .max(java.util.Comparator.comparing(software.amazon.awssdk.services.ec2.model.Image::creationDate))
                .orElseThrow()
                .imageId();
    }

    @Test
    default void launchOf200Slaves() {
        String name = name("big");
        Cluster cluster = cluster(spec(name).slaves(200));

        long start = System.nanoTime();
        ClusterDescription launched = cluster.launch(target().phase());
        Duration launch = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        cluster.destroy();
        Duration destroy = Duration.ofNanos(System.nanoTime() - start);

        assertThat(launched.slaves()).hasSize(200);
        assertThat(launched.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(Set.copyOf(ids(launched.nodes()))).hasSize(201);
        assertNothingLeft(name);
        String line = String.format(
                "200-slave launch on %s: launch %d ms, destroy %d ms",
                getClass().getSimpleName(), launch.toMillis(), destroy.toMillis());
        LoggerFactory.getLogger(getClass()).info(line);
        System.out.println(line);
    }
}
