package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.InsufficientCapacityException;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.PreflightException;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The cluster lifecycle through the real AWS SDK over HTTP, against whatever EC2-compatible
 * endpoint a subclass provides. Every test uses its own cluster name and cleans up after itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLifecycleTest {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractLifecycleTest.class);

    private Ec2Target target;
    private ThunderEc2 thunder;
    private Ec2Client ec2;
    private TestKeys.KeyPair key;
    private final List<Cluster> toDestroy = new ArrayList<>();

    @TempDir
    static Path keys;

    /** The endpoint under test; called once per class. */
    abstract Ec2Target createTarget() throws Exception;

    @BeforeAll
    void startTarget() throws Exception {
        target = createTarget();
        thunder = target.thunder();
        ec2 = target.ec2();
        key = TestKeys.create(ec2, keys, name("key"));
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @AfterEach
    void cleanUp() {
        Thread.interrupted();
        target.faults().ifPresent(Faults::clear);
        for (Cluster cluster : toDestroy) {
            try {
                cluster.destroy();
            } catch (RuntimeException e) {
                LOG.warn("cleaning up {} failed", cluster, e);
            }
        }
        toDestroy.clear();
    }

    // ---- the whole life ----

    @Test
    void launchDescribeStopStartDestroyLeavesNothing() {
        String name = name("life");
        String extraGroup = name("ops");
        String extraGroupId = ec2.createSecurityGroup(
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

        ClusterDescription launched = cluster.launch(target.phase());

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
        assertThat(thunder.find(name))
                .hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(ClusterState.RUNNING));
        assertThat(thunder.list()).extracting(ClusterDescription::name).contains(name);

        events.clear();
        ClusterDescription stopped = cluster.stop();

        assertThat(stopped.state()).isEqualTo(ClusterState.STOPPED);
        assertThat(stopped.nodes()).hasSize(3).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NodeState.STOPPED);
            assertThat(n.publicIp()).isEmpty();
        });
        assertThat(events.warnings()).anyMatch(w -> w.contains("instance-store"));

        ClusterDescription started = cluster.start(target.phase());

        assertThat(started.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(ids(started.nodes())).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(started.nodes()).allSatisfy(n -> assertThat(n.publicIp()).isPresent());
        if (target.changesAddressesOnRestart()) {
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
        assertThat(thunder.list()).extracting(ClusterDescription::name).doesNotContain(name);
        ec2.deleteSecurityGroup(r -> r.groupId(extraGroupId));
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
        List<software.amazon.awssdk.services.ec2.model.Volume> volumes = ec2.describeVolumes(
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
            assertThat(instance.keyName()).isEqualTo(key.name());
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

    private static List<String> tcpRules(SecurityGroup group, String cidr) {
        return group.ipPermissions().stream()
                .filter(p ->
                        "tcp".equals(p.ipProtocol()) && p.ipRanges().stream().anyMatch(r -> cidr.equals(r.cidrIp())))
                .map(p -> p.fromPort() + "-" + p.toPort())
                .toList();
    }

    // ---- resume after an interrupted launch ----

    @Test
    void resumeAfterLaunchInterruptedWithGroupsOnly() {
        String name = name("groups");
        Cluster cluster = interruptedLaunch(
                name, 2, e -> e instanceof ClusterEvent.StepStarted s && s.step() == ClusterEvent.Step.RUN_INSTANCES);

        ClusterDescription partial = cluster.describe();
        assertThat(partial.state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(partial.nodes()).isEmpty();
        assertThat(partial.masterGroupId()).isPresent();
        assertThat(partial.slavesGroupId()).isPresent();
        // Someone removed a rule in the meantime: resume puts it back.
        String masterGroup = partial.masterGroupId().orElseThrow();
        ec2.revokeSecurityGroupIngress(r -> r.groupId(masterGroup).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(7077)
                .toPort(7077)
                .ipRanges(range -> range.cidrIp("127.0.0.1/32"))));

        ClusterDescription resumed = cluster.resume(target.phase());

        assertComplete(resumed, 2);
        assertThat(rawInstances(name)).hasSize(3);
        assertThat(resumed.masterGroupId()).isEqualTo(partial.masterGroupId());
        assertThat(tcpRules(
                        rawGroups(name).stream()
                                .filter(g -> g.groupId().equals(masterGroup))
                                .findFirst()
                                .orElseThrow(),
                        "127.0.0.1/32"))
                .contains("7077-7077");
    }

    @Test
    void resumeAfterLaunchInterruptedWithMasterOnly() {
        String name = name("master");
        Cluster cluster = interruptedLaunch(
                name, 2, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);

        ClusterDescription partial = cluster.describe();
        assertThat(partial.state()).isEqualTo(ClusterState.PARTIAL);
        assertThat(partial.master()).isPresent();
        assertThat(partial.slaves()).isEmpty();

        ClusterDescription resumed = cluster.resume(target.phase());

        assertComplete(resumed, 2);
        assertThat(resumed.master().orElseThrow().instanceId())
                .isEqualTo(partial.master().orElseThrow().instanceId());
        assertThat(rawInstances(name)).hasSize(3);
    }

    @Test
    void resumeAfterLaunchInterruptedWithSomeSlavesDuplicatesNothing() {
        String name = name("some");
        Cluster cluster = interruptedLaunch(
                name, 4, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.SLAVE);

        ClusterDescription partial = cluster.describe();
        // Four slaves go in batches of one, two at a time; no batch starts after the interrupt.
        assertThat(partial.master()).isPresent();
        assertThat(partial.slaves()).hasSizeBetween(1, 2);

        ClusterDescription resumed = cluster.resume(target.phase());

        assertComplete(resumed, 4);
        assertThat(ids(resumed.slaves())).containsAll(ids(partial.slaves()));
        assertThat(rawInstances(name)).as("instances ever made for the cluster").hasSize(5);
    }

    @Test
    void resumeAfterLaunchInterruptedWhileWaiting() {
        Faults faults = requireFaults();
        faults.transitionTimes(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(200));
        String name = name("wait");
        Cluster cluster = interruptedLaunch(name, 2, e -> e instanceof ClusterEvent.Waiting);

        assertThat(cluster.describe().nodes()).hasSize(3);

        ClusterDescription resumed = cluster.resume(target.phase());

        assertComplete(resumed, 2);
        assertThat(rawInstances(name)).hasSize(3);
    }

    @Test
    void resumeOfACompleteClusterCreatesNothingAndABrokenListenerChangesNothing() {
        String name = name("again");
        Cluster cluster = cluster(spec(name).slaves(1));
        ClusterDescription launched = cluster.launch(target.phase());
        RecordingListener events = new RecordingListener();
        org.thunderproject.ec2.ClusterListener broken = e -> {
            throw new IllegalStateException("a broken listener");
        };
        cluster.addListener(broken).addListener(events);

        ClusterDescription resumed = cluster.resume(target.phase());
        cluster.removeListener(broken);

        assertThat(ids(resumed.nodes())).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(events.of(ClusterEvent.StepStarted.class))
                .anyMatch(s -> s.step() == ClusterEvent.Step.RUN_INSTANCES
                        && s.detail().equals("nothing missing"));
        assertThat(rawInstances(name)).hasSize(2);
    }

    @Test
    void concurrentResumesShareClientTokensAndDuplicateNothing() throws Exception {
        String name = name("twice");
        interruptedLaunch(name, 4, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ClusterDescription>> resumes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Cluster handle = cluster(spec(name).slaves(4));
                resumes.add(pool.submit(() -> handle.resume(target.phase())));
            }
            for (Future<ClusterDescription> resume : resumes) {
                assertComplete(resume.get(5, TimeUnit.MINUTES), 4);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rawInstances(name)).as("instances ever made for the cluster").hasSize(5);
    }

    @Test
    void relaunchAfterDestroyGetsNewClientTokens() {
        String name = name("relaunch");
        Cluster cluster = cluster(spec(name).slaves(1));
        cluster.launch(target.phase());
        Set<String> firstTokens =
                rawInstances(name).stream().map(Instance::clientToken).collect(Collectors.toSet());
        Set<String> firstIds =
                rawInstances(name).stream().map(Instance::instanceId).collect(Collectors.toSet());
        cluster.destroy();

        ClusterDescription again = cluster.launch(target.phase());

        assertComplete(again, 1);
        assertThat(ids(again.nodes())).doesNotContainAnyElementsOf(firstIds);
        assertThat(firstTokens).doesNotContainNull();
        assertThat(again.nodes()).allSatisfy(n -> assertThat(firstTokens)
                .doesNotContain(rawInstance(n.instanceId()).clientToken()));
    }

    // ---- destroy ----

    @Test
    void destroyOfAHalfLaunchedClusterLeavesNothing() {
        String name = name("half");
        Cluster cluster = interruptedLaunch(
                name, 3, e -> e instanceof ClusterEvent.NodeStateChanged n && n.role() == NodeRole.MASTER);

        cluster.destroy();

        assertNothingLeft(name);
    }

    @Test
    void destroyCatchesNodesThatAreStillPending() {
        Faults faults = requireFaults();
        faults.neverLeavePending(1);
        String name = name("pending");
        Cluster cluster = interruptedLaunch(name, 1, e -> e instanceof ClusterEvent.Waiting);
        assertThat(cluster.describe().nodes()).anyMatch(n -> n.state() == NodeState.PENDING);

        cluster.destroy();

        assertNothingLeft(name);
    }

    @Test
    void destroyRetriesAGroupStillReferencedUntilItsBoundThenFinishesOnceFreed() {
        String name = name("dep");
        Cluster cluster = cluster(spec(name).slaves(1).readyTimeout(Duration.ofSeconds(2)));
        ClusterDescription launched = cluster.launch(target.phase());
        String outsider = ec2.createSecurityGroup(
                        r -> r.groupName(name("outsider")).description("refers to " + name))
                .groupId();
        String masterGroup = launched.masterGroupId().orElseThrow();
        IpPermission fromMaster = IpPermission.builder()
                .ipProtocol("-1")
                .userIdGroupPairs(p -> p.groupId(masterGroup))
                .build();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(outsider).ipPermissions(fromMaster));

        assertThatThrownBy(cluster::destroy)
                .isInstanceOf(org.thunderproject.ec2.WaitTimeoutException.class)
                .hasMessageContaining(name + "-master")
                .hasMessageContaining("still in use");
        assertThat(rawInstances(name))
                .allSatisfy(i -> assertThat(i.state().nameAsString()).isEqualTo("terminated"));

        ec2.revokeSecurityGroupIngress(r -> r.groupId(outsider).ipPermissions(fromMaster));
        cluster.destroy();

        assertNothingLeft(name);
        ec2.deleteSecurityGroup(r -> r.groupId(outsider));
    }

    @Test
    void destroyIsIdempotent() {
        String name = name("idem");
        Cluster cluster = cluster(spec(name).slaves(1));
        cluster.launch(target.phase());

        cluster.destroy();
        cluster.destroy();

        assertNothingLeft(name);
        cluster(spec(name("never"))).destroy();
    }

    @Test
    void operationsOnAnUnknownClusterSayItDoesNotExist() {
        String name = name("ghost");
        Cluster cluster = cluster(spec(name));

        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable operation :
                List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                        () -> cluster.resume(target.phase()), () -> cluster.stop(), () -> cluster.start())) {
            assertThatThrownBy(operation)
                    .isInstanceOf(org.thunderproject.ec2.ClusterNotFoundException.class)
                    .hasMessageContaining("no cluster named '" + name + "'");
        }
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.NONE);
        assertThat(thunder.find(name)).isEmpty();
        assertNothingCreated(name);
    }

    @Test
    void imagesAreTheNewestAmazonLinux2023OfEachNodesArchitecture() {
        String name = name("arch");
        ClusterSpec spec = spec(name)
                .slaves(1)
                .masterInstanceType("m5.large")
                .instanceType("m6g.large")
                .build();
        assumeTrue(spec.ami().isEmpty(), "this endpoint has no Amazon Linux 2023 images (an AMI was set for it)");

        ClusterDescription launched = cluster(spec.toBuilder()).launch(target.phase());

        Instance master = rawInstance(launched.master().orElseThrow().instanceId());
        Instance slave = rawInstance(launched.slaves().get(0).instanceId());
        assertThat(master.imageId()).isEqualTo(newestAl2023("x86_64"));
        assertThat(slave.imageId()).isEqualTo(newestAl2023("arm64"));
    }

    private String newestAl2023(String architecture) {
        return ec2
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

    // ---- EC2 trouble ----

    @Test
    void throttledLaunchSucceeds() {
        Faults faults = requireFaults();
        faults.throttleNext(4).throttleFraction(0.2, 42);
        String name = name("throttle");

        ClusterDescription launched = cluster(spec(name).slaves(3)).launch(target.phase());

        assertComplete(launched, 3);
        assertThat(rawInstances(name)).hasSize(4);
    }

    @Test
    void noCapacityInTheMastersZoneSendsSlavesToAnotherZone() {
        Faults faults = requireFaults();
        List<String> zones = zones();
        faults.insufficientCapacity("c5.large", zones.get(0));
        String name = name("zone");
        RecordingListener events = new RecordingListener();

        ClusterDescription launched = cluster(
                        spec(name).slaves(2).masterInstanceType("m5.large").instanceType("c5.large"))
                .addListener(events)
                .launch(target.phase());

        assertComplete(launched, 2);
        assertThat(launched.master().orElseThrow().availabilityZone()).isEqualTo(zones.get(0));
        assertThat(launched.slaves())
                .allSatisfy(s -> assertThat(s.availabilityZone()).isNotEqualTo(zones.get(0)));
        assertThat(events.warnings()).anyMatch(w -> w.contains("c5.large") && w.contains(zones.get(0)));
    }

    @Test
    void noCapacityInAPinnedZoneIsAClearError() {
        Faults faults = requireFaults();
        String zone = zones().get(0);
        faults.insufficientCapacity("c5.large", zone);
        String name = name("pinned");

        assertThatThrownBy(() -> cluster(
                                spec(name).slaves(1).instanceType("c5.large").availabilityZone(zone))
                        .launch(target.phase()))
                .isInstanceOf(InsufficientCapacityException.class)
                .hasMessageContaining("c5.large")
                .hasMessageContaining(zone);
        assertThat(rawInstances(name)).isEmpty();
    }

    // ---- refused before anything is created ----

    @Test
    void keyFileReadableByOthersIsRefusedWithNothingCreated() throws IOException {
        Path open = keys.resolve(name("open") + ".pem");
        Files.copy(key.file(), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        String name = name("open");

        assertThatThrownBy(() -> cluster(spec(name).keyPair(key.name(), open)).launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("chmod 600 " + open);
        assertNothingCreated(name);
    }

    @Test
    void keyFileOfAnotherKeyPairIsRefusedWithNothingCreated() throws IOException {
        TestKeys.KeyPair other = TestKeys.create(ec2, keys, name("other"));
        String name = name("wrongkey");

        assertThatThrownBy(() ->
                        cluster(spec(name).keyPair(key.name(), other.file())).launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not hold the key of key pair '" + key.name() + "'");
        assertNothingCreated(name);
    }

    @Test
    void unknownKeyPairIsRefusedWithNothingCreated() {
        String name = name("nokey");

        assertThatThrownBy(() -> cluster(spec(name).keyPair("no-such-key-" + name, key.file()))
                        .launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not exist in region");
        assertNothingCreated(name);
    }

    @Test
    void unknownAmiIsRefusedWithNothingCreated() {
        String name = name("noami");

        assertThatThrownBy(
                        () -> cluster(spec(name).ami("ami-00000000000000000")).launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("ami-00000000000000000 does not exist");
        assertNothingCreated(name);
    }

    @Test
    void launchWithoutKeyPairIsRefusedWithNothingCreated() {
        String name = name("nokeypair");

        assertThatThrownBy(
                        () -> thunder.cluster(ClusterSpec.builder().name(name).build())
                                .launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("needs a key pair");
        assertNothingCreated(name);
    }

    @Test
    void duplicateNameIsRefusedAndTheExistingClusterIsUntouched() {
        String name = name("dup");
        ClusterDescription first = cluster(spec(name).slaves(1)).launch(target.phase());

        assertThatThrownBy(() -> cluster(spec(name).slaves(3)).launch(target.phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("resume()");
        assertThat(rawInstances(name))
                .extracting(Instance::instanceId)
                .containsExactlyInAnyOrderElementsOf(ids(first.nodes()));
    }

    @Test
    void badSpecIsRefusedBeforeAnyCall() {
        String name = name("bad");

        assertThatThrownBy(() -> spec(name).slaves(0).build())
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("slaves"));
        assertThatThrownBy(() -> spec(name + " with spaces").build()).isInstanceOf(InvalidSpecException.class);
        assertNothingCreated(name);
    }

    @Test
    void importedKeyPairsPassTheFingerprintCheck() throws Exception {
        assumeTrue(TestKeys.sshKeygenAvailable(), "ssh-keygen (openssh-client) is not installed");
        for (String type : List.of("rsa", "ed25519")) {
            TestKeys.KeyPair imported = TestKeys.imported(ec2, keys, name("imp-" + type), type);
            String name = name("imp-" + type);

            ClusterDescription launched = cluster(
                            spec(name).keyPair(imported.name(), imported.file()).slaves(1))
                    .launch(target.phase());

            assertComplete(launched, 1);
        }
    }

    // ---- spot ----

    @Test
    void stoppingSpotSlavesIsRefusedUnlessTheyMayBeTerminated() {
        String name = name("spot");
        Cluster cluster = cluster(spec(name).slaves(2).spotPrice(new BigDecimal("0.05")));
        ClusterDescription launched = cluster.launch(target.phase());
        assertThat(launched.slaves()).allSatisfy(s -> assertThat(s.spot()).isTrue());
        assertThat(launched.master().orElseThrow().spot()).isFalse();

        assertThatThrownBy(() -> cluster.stop())
                .isInstanceOf(ClusterStateException.class)
                .hasMessageContaining("stop(SpotSlaves.TERMINATE)");
        assertThat(cluster.describe().state()).isEqualTo(ClusterState.RUNNING);

        ClusterDescription stopped = cluster.stop(Cluster.SpotSlaves.TERMINATE);

        assertThat(stopped.master().orElseThrow().state()).isEqualTo(NodeState.STOPPED);
        assertThat(stopped.slaves()).isEmpty();

        ClusterDescription resumed = cluster.resume(target.phase());

        assertComplete(resumed, 2);
        assertThat(resumed.master().orElseThrow().instanceId())
                .isEqualTo(launched.master().orElseThrow().instanceId());
        assertThat(ids(resumed.slaves())).doesNotContainAnyElementsOf(ids(launched.slaves()));
    }

    // ---- scale ----

    @Test
    void launchOf200Slaves() {
        String name = name("big");
        Cluster cluster = cluster(spec(name).slaves(200));

        long start = System.nanoTime();
        ClusterDescription launched = cluster.launch(target.phase());
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
        LOG.info(line);
        System.out.println(line);
    }

    // ---- helpers ----

    private Faults requireFaults() {
        assumeTrue(target.faults().isPresent(), "this endpoint offers no fault injection");
        return target.faults().get();
    }

    private static String name(String base) {
        return base + "-"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextInt())
                        .substring(0, 6);
    }

    private ClusterSpec.Builder spec(String name) {
        return target.adapt(
                ClusterSpec.builder().name(name).keyPair(key.name(), key.file()).readyTimeout(Duration.ofMinutes(3)));
    }

    private Cluster cluster(ClusterSpec.Builder spec) {
        Cluster cluster = thunder.cluster(spec.build());
        toDestroy.add(cluster);
        return cluster;
    }

    /** A launch of {@code slaves} slaves that the test thread interrupts at the first event matching {@code when}. */
    private Cluster interruptedLaunch(String name, int slaves, Predicate<ClusterEvent> when) {
        Thread launching = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        Cluster cluster = cluster(spec(name).slaves(slaves));
        cluster.addListener(e -> {
            if (when.test(e) && fired.compareAndSet(false, true)) {
                launching.interrupt();
            }
        });

        assertThatThrownBy(() -> cluster.launch(target.phase()))
                .isInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining("resume()");
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        assertThat(fired).isTrue();
        return cluster;
    }

    private static void assertComplete(ClusterDescription d, int slaves) {
        assertThat(d.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(d.master()).isPresent();
        assertThat(d.slaves()).hasSize(slaves);
        assertThat(Set.copyOf(ids(d.nodes()))).hasSize(slaves + 1);
        assertThat(d.nodes()).allSatisfy(n -> assertThat(n.address()).isPresent());
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::instanceId).toList();
    }

    private List<String> zones() {
        return ec2.describeAvailabilityZones().availabilityZones().stream()
                .map(z -> z.zoneName())
                .sorted()
                .toList();
    }

    private List<Instance> rawInstances(String name) {
        List<Instance> out = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(Filter.builder()
                        .name("tag:thunder:cluster")
                        .values(name)
                        .build()))
                .reservations()
                .forEach(r -> out.addAll(r.instances()));
        return out;
    }

    private Instance rawInstance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }

    private List<SecurityGroup> rawGroups(String name) {
        return ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                        .name("group-name")
                        .values(name + "-master", name + "-slaves")
                        .build()))
                .securityGroups();
    }

    private void assertNothingLeft(String name) {
        assertThat(rawInstances(name))
                .allSatisfy(i -> assertThat(i.state().nameAsString()).isEqualTo("terminated"));
        assertThat(rawGroups(name)).isEmpty();
        assertThat(thunder.find(name)).isEmpty();
    }

    private void assertNothingCreated(String name) {
        assertThat(rawInstances(name)).isEmpty();
        assertThat(rawGroups(name)).isEmpty();
    }
}
