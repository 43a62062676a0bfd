package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/** RunInstances: every parameter the launcher uses, idempotency, and validation that creates nothing. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class RunInstancesTest {

    private Ec2Client ec2;
    private String ami;

    @BeforeEach
    void image() {
        ami = TestSupport.al2023(ec2);
    }

    private int instanceCount() {
        return ec2.describeInstances().reservations().stream()
                .mapToInt(r -> r.instances().size())
                .sum();
    }

    @Test
    void launchesWithEveryParameterTheLauncherUses() {
        ec2.createKeyPair(r -> r.keyName("run-key"));
        String group = ec2.createSecurityGroup(r -> r.groupName("run-master").description("m"))
                .groupId();
        String userData =
                Base64.getEncoder().encodeToString("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8));

        RunInstancesResponse response = ec2.runInstances(RunInstancesRequest.builder()
                .imageId(ami)
                .instanceType("m5.large")
                .minCount(2)
                .maxCount(2)
                .keyName("run-key")
                .securityGroupIds(group)
                .placement(p -> p.availabilityZone("us-east-1b").groupName("demo-placement"))
                .userData(userData)
                .iamInstanceProfile(p -> p.name("spark-role"))
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                .blockDeviceMappings(
                        BlockDeviceMapping.builder()
                                .deviceName("/dev/sds")
                                .ebs(e -> e.volumeSize(100).volumeType(VolumeType.GP3))
                                .build(),
                        BlockDeviceMapping.builder()
                                .deviceName("/dev/sdt")
                                .ebs(e -> e.volumeSize(200)
                                        .volumeType(VolumeType.ST1)
                                        .deleteOnTermination(false))
                                .build())
                .tagSpecifications(
                        t -> t.resourceType(ResourceType.INSTANCE)
                                .tags(
                                        x -> x.key("thunder:cluster").value("demo"),
                                        x -> x.key("thunder:role").value("slave"),
                                        x -> x.key("Name").value("demo-slave")),
                        t -> t.resourceType(ResourceType.VOLUME)
                                .tags(x -> x.key("thunder:cluster").value("demo")))
                .clientToken("launch-demo-slaves")
                .build());

        assertThat(response.reservationId()).matches("r-[0-9a-f]{17}");
        List<Instance> instances = response.instances();
        assertThat(instances).hasSize(2).extracting(Instance::amiLaunchIndex).containsExactly(0, 1);
        Set<String> addresses = new HashSet<>();
        for (Instance i : instances) {
            assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
            assertThat(i.state().nameAsString()).isEqualTo("pending");
            assertThat(i.instanceTypeAsString()).isEqualTo("m5.large");
            assertThat(i.imageId()).isEqualTo(ami);
            assertThat(i.keyName()).isEqualTo("run-key");
            assertThat(i.securityGroups())
                    .extracting(g -> g.groupId() + "/" + g.groupName())
                    .containsExactly(group + "/run-master");
            assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1b");
            assertThat(i.placement().groupName()).isEqualTo("demo-placement");
            assertThat(i.subnetId())
                    .isEqualTo(ec2.describeSubnets(r ->
                                    r.filters(f -> f.name("availability-zone").values("us-east-1b")))
                            .subnets()
                            .get(0)
                            .subnetId());
            assertThat(i.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/spark-role");
            assertThat(i.tags())
                    .extracting(t -> t.key() + "=" + t.value())
                    .containsExactly("thunder:cluster=demo", "thunder:role=slave", "Name=demo-slave");
            assertThat(i.clientToken()).isEqualTo("launch-demo-slaves");
            assertThat(i.blockDeviceMappings())
                    .extracting(b -> b.deviceName())
                    .containsExactly("/dev/xvda", "/dev/sds", "/dev/sdt");
            assertThat(i.privateIpAddress()).startsWith("127.").isNotEqualTo("127.0.0.1");
            assertThat(i.publicIpAddress()).startsWith("127.").isNotEqualTo("127.0.0.1");
            assertThat(i.publicDnsName())
                    .isEqualTo("ec2-" + i.publicIpAddress().replace('.', '-') + ".compute-1.amazonaws.com");
            assertThat(i.privateDnsName())
                    .isEqualTo("ip-" + i.privateIpAddress().replace('.', '-') + ".ec2.internal");
            assertThat(addresses.add(i.privateIpAddress())).isTrue();
            assertThat(addresses.add(i.publicIpAddress())).isTrue();
            assertThat(i.instanceLifecycle()).isNull();
        }

        String first = instances.get(0).instanceId();
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(first).attribute(InstanceAttributeName.USER_DATA))
                        .userData()
                        .value())
                .isEqualTo(userData);
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(first)
                                .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
                        .instanceInitiatedShutdownBehavior()
                        .value())
                .isEqualTo("terminate");

        List<Volume> volumes = ec2.describeVolumes(
                        r -> r.filters(f -> f.name("attachment.instance-id").values(first)))
                .volumes();
        assertThat(volumes)
                .extracting(v -> v.attachments().get(0).device() + ":" + v.size() + ":" + v.volumeTypeAsString())
                .containsExactly("/dev/xvda:8:gp3", "/dev/sds:100:gp3", "/dev/sdt:200:st1");
        assertThat(volumes)
                .allSatisfy(v -> assertThat(v.tags()).extracting(t -> t.key()).containsExactly("thunder:cluster"));
        assertThat(ec2.describeVolumes(r ->
                                r.filters(f -> f.name("tag:thunder:cluster").values("demo")))
                        .volumes())
                .hasSize(6);

        // The volume that outlives its instance stays, detached; the others go with it.
        ec2.terminateInstances(r -> r.instanceIds(first));
        TestSupport.awaitState(ec2, first, "terminated");
        assertThat(ec2.describeVolumes(r -> r.volumeIds(volumes.get(2).volumeId()))
                        .volumes()
                        .get(0)
                        .stateAsString())
                .isEqualTo("available");
        assertThat(errorCode(() ->
                        ec2.describeVolumes(r -> r.volumeIds(volumes.get(1).volumeId()))))
                .isEqualTo("InvalidVolume.NotFound");
    }

    @Test
    void clientTokenMakesLaunchesIdempotent() {
        Consumer<RunInstancesRequest.Builder> launch = r ->
                r.imageId(ami).instanceType("t3.small").minCount(3).maxCount(3).clientToken("token-1");
        RunInstancesResponse first = ec2.runInstances(launch);
        int count = instanceCount();

        RunInstancesResponse again = ec2.runInstances(launch);
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances())
                .extracting(Instance::instanceId)
                .containsExactlyElementsOf(
                        first.instances().stream().map(Instance::instanceId).toList());
        assertThat(instanceCount()).isEqualTo(count);

        assertThat(errorCode(() -> ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.small")
                        .minCount(4)
                        .maxCount(4)
                        .clientToken("token-1"))))
                .isEqualTo("IdempotentParameterMismatch");
        assertThat(instanceCount()).isEqualTo(count);

        // Without a token of its own, the SDK generates one per call: two calls, two reservations.
        String r1 = ec2.runInstances(
                        r -> r.imageId(ami).instanceType("t3.small").minCount(1).maxCount(1))
                .reservationId();
        String r2 = ec2.runInstances(
                        r -> r.imageId(ami).instanceType("t3.small").minCount(1).maxCount(1))
                .reservationId();
        assertThat(r1).isNotEqualTo(r2);
    }

    @Test
    void spotInstances() {
        Instance spot = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.xlarge")
                        .minCount(1)
                        .maxCount(1)
                        .instanceMarketOptions(
                                m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.maxPrice("0.10"))))
                .instances()
                .get(0);
        assertThat(spot.instanceLifecycle()).isEqualTo(InstanceLifecycleType.SPOT);
        assertThat(spot.spotInstanceRequestId()).matches("sir-[0-9a-f]{8}");
        assertThat(ec2.describeInstances(
                                r -> r.filters(f -> f.name("instance-lifecycle").values("spot")))
                        .reservations())
                .flatExtracting(res -> res.instances())
                .extracting(Instance::instanceId)
                .containsExactly(spot.instanceId());
        assertThat(errorCode(() -> ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.xlarge")
                        .minCount(1)
                        .maxCount(1)
                        .instanceMarketOptions(
                                m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.maxPrice("-1"))))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void groupsByNameSubnetAndDefaults() {
        ec2.createSecurityGroup(r -> r.groupName("by-name").description("x"));
        String subnet = ec2.describeSubnets(
                        r -> r.filters(f -> f.name("availability-zone").values("us-east-1c")))
                .subnets()
                .get(0)
                .subnetId();
        Instance i = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("c5.large")
                        .minCount(1)
                        .maxCount(1)
                        .securityGroups("by-name")
                        .subnetId(subnet))
                .instances()
                .get(0);
        assertThat(i.securityGroups()).extracting(g -> g.groupName()).containsExactly("by-name");
        assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1c");

        Instance defaults = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1))
                .instances()
                .get(0);
        assertThat(defaults.securityGroups()).extracting(g -> g.groupName()).containsExactly("default");
        assertThat(defaults.instanceTypeAsString()).isEqualTo("m1.small");
        assertThat(defaults.keyName()).isNull();

        String arm = ec2.describeImages(r ->
                        r.owners("amazon").filters(f -> f.name("architecture").values("arm64")))
                .images()
                .get(0)
                .imageId();
        assertThat(ec2.runInstances(r -> r.imageId(arm)
                                .instanceType("m6g.large")
                                .minCount(1)
                                .maxCount(1))
                        .instances()
                        .get(0)
                        .architectureAsString())
                .isEqualTo("arm64");
    }

    @Test
    void primaryNetworkInterfaceChoosesSubnetGroupsAndPublicAddress() {
        String group = ec2.createSecurityGroup(r -> r.groupName("nic-group").description("x"))
                .groupId();
        String subnet = ec2.describeSubnets(
                        r -> r.filters(f -> f.name("availability-zone").values("us-east-1b")))
                .subnets()
                .get(0)
                .subnetId();
        Instance i = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .networkInterfaces(n ->
                                n.deviceIndex(0).subnetId(subnet).groups(group).associatePublicIpAddress(false)))
                .instances()
                .get(0);
        assertThat(i.subnetId()).isEqualTo(subnet);
        assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1b");
        assertThat(i.securityGroups()).extracting(g -> g.groupId()).containsExactly(group);
        assertThat(i.publicIpAddress()).isNull();
        assertThat(i.privateIpAddress()).startsWith("127.");

        assertThat(errorCode(() -> ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .subnetId(subnet)
                        .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet)))))
                .isEqualTo("InvalidParameterCombination");
        assertThat(errorCode(() -> ec2.describeInstanceAttribute(
                        r -> r.instanceId(i.instanceId()).attribute("colour"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(ec2.describeInstanceAttribute(
                                r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.INSTANCE_TYPE))
                        .instanceType()
                        .value())
                .isEqualTo("t3.micro");
    }

    @Test
    void badRequestsFailWithEc2CodesAndCreateNothing() {
        int before = instanceCount();
        assertThat(errorCode(() -> run(r -> r.imageId("ami-0123456789abcdef0"))))
                .isEqualTo("InvalidAMIID.NotFound");
        assertThat(errorCode(() -> run(r -> r.imageId("centos")))).isEqualTo("InvalidAMIID.Malformed");
        assertThat(errorCode(() -> run(r -> r.instanceType("m5.gigantic")))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.instanceType("m6g.large"))))
                .isEqualTo("InvalidParameterValue"); // arm64 type, x86 AMI
        assertThat(errorCode(() -> run(r -> r.keyName("missing-key")))).isEqualTo("InvalidKeyPair.NotFound");
        assertThat(errorCode(() -> run(r -> r.securityGroupIds("sg-0123456789abcdef0"))))
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> run(r -> r.securityGroups("no-such-group")))).isEqualTo("InvalidGroup.NotFound");
        assertThat(errorCode(() -> run(r -> r.subnetId("subnet-0123456789abcdef0"))))
                .isEqualTo("InvalidSubnetID.NotFound");
        assertThat(errorCode(() -> run(r -> r.placement(p -> p.availabilityZone("us-east-1q")))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.userData("%%% not base64")))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.minCount(3).maxCount(2)))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.minCount(0)))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.instanceInitiatedShutdownBehavior("explode"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(
                        r -> r.blockDeviceMappings(b -> b.deviceName("/dev/sdf").ebs(e -> e.volumeSize(0))))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r ->
                        r.blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(4))))))
                .isEqualTo("InvalidBlockDeviceMapping");
        assertThat(errorCode(() -> run(r -> r.tagSpecifications(
                        t -> t.resourceType("vpc").tags(x -> x.key("a").value("b"))))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.tagSpecifications(
                        t -> t.resourceType("instance").tags(x -> x.key("aws:x").value("b"))))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> run(r -> r.minCount(1001).maxCount(1001)))).isEqualTo("InstanceLimitExceeded");
        assertThat(instanceCount()).isEqualTo(before);
        assertThat(ec2.describeVolumes().volumes())
                .noneMatch(v -> v.attachments().isEmpty() && v.size() == 0);
    }

    private RunInstancesResponse run(Consumer<RunInstancesRequest.Builder> change) {
        RunInstancesRequest.Builder builder = RunInstancesRequest.builder()
                .imageId(ami)
                .instanceType("t3.micro")
                .minCount(1)
                .maxCount(1);
        change.accept(builder);
        return ec2.runInstances(builder.build());
    }
}
