package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.await;
import static org.thunderproject.ec2.localcloud.TestSupport.awaitState;
import static org.thunderproject.ec2.localcloud.TestSupport.describe;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** Instance states over time, addresses, and what the instance runtime is told. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
class InstanceLifecycleTest {

    private static final RecordingRuntime RUNTIME = new RecordingRuntime();

    @RegisterExtension
    static final LocalCloudExtension CLOUD = LocalCloudExtension.configured(b -> b.instanceRuntime(RUNTIME)
            .terminatedRetention(Duration.ofSeconds(3))
            .sshPort(2022));

    private LocalCloud cloud;
    private Ec2Client ec2;

    private Ec2Waiter waiter() {
        return Ec2Waiter.builder()
                .client(ec2)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50)))
                        .maxAttempts(400))
                .build();
    }

    private String launchOne(String keyName) {
        return ec2.runInstances(r -> r.imageId(TestSupport.al2023(ec2))
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .keyName(keyName))
                .instances()
                .get(0)
                .instanceId();
    }

    @Test
    void pendingBecomesRunningAfterThePendingTimeAndTheRuntimeHostsIt() throws Exception {
        String publicKey = ec2.createKeyPair(r -> r.keyName("life")).keyName();
        long started = System.nanoTime();
        Instance launched = ec2.runInstances(r -> r.imageId(TestSupport.al2023(ec2))
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .keyName(publicKey))
                .instances()
                .get(0);
        String id = launched.instanceId();
        assertThat(launched.state().nameAsString()).isEqualTo("pending");
        assertThat(launched.state().code()).isZero();

        waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        Instance running = describe(ec2, id);
        assertThat(running.state().code()).isEqualTo(16);

        InstanceHost host = await(() -> RUNTIME.lastStarted.get(id), h -> h != null, "runtime told " + id + " started");
        assertThat(host.publicAddress()).isEqualTo(running.publicIpAddress());
        assertThat(host.privateAddress()).isEqualTo(running.privateIpAddress());
        assertThat(host.sshPort()).isEqualTo(2022).isEqualTo(cloud.sshPort());
        assertThat(host.user()).isEqualTo("ec2-user");
        String keyLine = ec2.describeKeyPairs(r -> r.keyNames("life").includePublicKey(true))
                .keyPairs()
                .get(0)
                .publicKey();
        assertThat(host.authorizedKey()).isEqualTo(keyLine).startsWith("ssh-rsa ");
        assertThat(host.directory())
                .isEqualTo(cloud.dataDirectory().resolve("instances").resolve(id))
                .isDirectory();
        assertThat(host.directory().resolve("home")).isDirectory();
        assertThat(RUNTIME.threads).allMatch(t -> t.equals("localcloud-runtime"));

        String console = new String(
                Base64.getDecoder()
                        .decode(ec2.getConsoleOutput(r -> r.instanceId(id)).output()),
                StandardCharsets.UTF_8);
        assertThat(console).startsWith("console of " + id).contains("BEGIN SSH HOST KEY FINGERPRINTS");
    }

    @Test
    void stopAndStartChangeThePublicAddressAndKeepThePrivateOne() {
        String id = launchOne(null);
        waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
        Instance before = describe(ec2, id);

        InstanceStateChange stopping =
                ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stopping.previousState().nameAsString()).isEqualTo("running");
        assertThat(stopping.currentState().nameAsString()).isEqualTo("stopping");
        Instance whileStopping = describe(ec2, id);
        assertThat(whileStopping.publicIpAddress()).isNull();
        assertThat(whileStopping.publicDnsName()).isEmpty();
        assertThat(whileStopping.privateIpAddress()).isEqualTo(before.privateIpAddress());
        await(() -> RUNTIME.eventsOf(id), e -> e.contains("stopped"), "runtime told " + id + " stopped");

        waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
        Instance stopped = describe(ec2, id);
        assertThat(stopped.publicIpAddress()).isNull();
        assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(stopped.stateTransitionReason()).startsWith("User initiated (");
        // Stopping a stopped instance is a no-op, as in EC2.
        assertThat(ec2.stopInstances(r -> r.instanceIds(id))
                        .stoppingInstances()
                        .get(0)
                        .currentState()
                        .nameAsString())
                .isEqualTo("stopped");

        InstanceStateChange starting =
                ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertThat(starting.previousState().nameAsString()).isEqualTo("stopped");
        assertThat(starting.currentState().nameAsString()).isEqualTo("pending");
        waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
        Instance after = describe(ec2, id);
        assertThat(after.publicIpAddress()).isNotNull().isNotEqualTo(before.publicIpAddress());
        assertThat(after.publicDnsName())
                .isNotEqualTo(before.publicDnsName())
                .contains(after.publicIpAddress().replace('.', '-'));
        assertThat(after.privateIpAddress()).isEqualTo(before.privateIpAddress());
        assertThat(after.launchTime()).isAfter(before.launchTime());
        assertThat(after.stateReason()).isNull();
        await(
                () -> RUNTIME.eventsOf(id),
                e -> e.equals(List.of(
                        "started " + before.publicIpAddress(), "stopped", "started " + after.publicIpAddress())),
                "runtime events of " + id);
        assertThat(ec2.startInstances(r -> r.instanceIds(id))
                        .startingInstances()
                        .get(0)
                        .currentState()
                        .nameAsString())
                .isEqualTo("running");
    }

    @Test
    void terminatedInstancesLoseTheirAddressesStayVisibleAWhileAndRefuseEverything() {
        String id = launchOne(null);
        waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
        InstanceHost host = await(() -> RUNTIME.lastStarted.get(id), h -> h != null, "started " + id);

        InstanceStateChange change = ec2.terminateInstances(r -> r.instanceIds(id))
                .terminatingInstances()
                .get(0);
        assertThat(change.previousState().nameAsString()).isEqualTo("running");
        assertThat(change.currentState().nameAsString()).isEqualTo("shutting-down");
        await(
                () -> RUNTIME.eventsOf(id),
                e -> e.equals(List.of("started " + host.publicAddress(), "terminated")),
                "runtime told " + id + " terminated");

        waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id));
        Instance terminated = describe(ec2, id);
        assertThat(terminated.privateIpAddress()).isNull();
        assertThat(terminated.publicIpAddress()).isNull();
        assertThat(ec2.terminateInstances(r -> r.instanceIds(id))
                        .terminatingInstances()
                        .get(0)
                        .currentState()
                        .nameAsString())
                .isEqualTo("terminated");
        assertThat(errorCode(() -> ec2.startInstances(r -> r.instanceIds(id)))).isEqualTo("IncorrectInstanceState");
        assertThat(errorCode(() -> ec2.stopInstances(r -> r.instanceIds(id)))).isEqualTo("IncorrectInstanceState");
        assertThat(errorCode(() -> ec2.rebootInstances(r -> r.instanceIds(id)))).isEqualTo("IncorrectInstanceState");

        // Gone after the retention time (3 s here).
        await(() -> errorCodeOrNull(id), code -> "InvalidInstanceID.NotFound".equals(code), id + " gone");
    }

    private String errorCodeOrNull(String id) {
        try {
            describe(ec2, id);
            return null;
        } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    @Test
    void pendingInstancesCanBeTerminatedButNotStopped() {
        cloud.faults().neverLeavePending(1);
        String stuck = launchOne(null);
        String running = launchOne(null);
        awaitState(ec2, running, "running");
        assertThat(describe(ec2, stuck).state().nameAsString()).isEqualTo("pending");

        // One refused instance refuses the whole call: the running one is not stopped either.
        assertThat(errorCode(() -> ec2.stopInstances(r -> r.instanceIds(running, stuck))))
                .isEqualTo("IncorrectInstanceState");
        assertThat(describe(ec2, running).state().nameAsString()).isEqualTo("running");

        ec2.terminateInstances(r -> r.instanceIds(stuck));
        awaitState(ec2, stuck, "terminated");
        assertThat(RUNTIME.eventsOf(stuck)).isEmpty(); // never started, nothing to tell the runtime
    }

    @Test
    void aStoppingInstanceCannotBeStarted() {
        String id = launchOne(null);
        awaitState(ec2, id, "running");
        cloud.faults().transitionTimes(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMillis(200));
        ec2.stopInstances(r -> r.instanceIds(id));
        assertThat(errorCode(() -> ec2.startInstances(r -> r.instanceIds(id)))).isEqualTo("IncorrectInstanceState");
        assertThat(errorCode(() -> ec2.rebootInstances(r -> r.instanceIds(id)))).isEqualTo("IncorrectInstanceState");
        ec2.terminateInstances(r -> r.instanceIds(id));
        awaitState(ec2, id, "terminated");
    }

    @Test
    void oneTimeSpotInstancesCannotBeStoppedPersistentOnesCan() {
        String ami = TestSupport.al2023(ec2);
        String oneTime = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.large")
                        .minCount(1)
                        .maxCount(1)
                        .instanceMarketOptions(m -> m.marketType(MarketType.SPOT)))
                .instances()
                .get(0)
                .instanceId();
        String persistent = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.large")
                        .minCount(1)
                        .maxCount(1)
                        .instanceMarketOptions(
                                m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.spotInstanceType("persistent")
                                        .instanceInterruptionBehavior("stop"))))
                .instances()
                .get(0)
                .instanceId();
        awaitState(ec2, oneTime, "running");
        awaitState(ec2, persistent, "running");

        assertThat(errorCode(() -> ec2.stopInstances(r -> r.instanceIds(oneTime))))
                .isEqualTo("UnsupportedOperation");
        assertThat(describe(ec2, oneTime).state().nameAsString()).isEqualTo("running");
        ec2.stopInstances(r -> r.instanceIds(persistent));
        awaitState(ec2, persistent, "stopped");
        ec2.terminateInstances(r -> r.instanceIds(oneTime));
        awaitState(ec2, oneTime, "terminated");
    }

    @Test
    void rebootRestartsTheRuntimeOnTheSameAddresses() {
        String id = launchOne(null);
        awaitState(ec2, id, "running");
        String address = await(() -> RUNTIME.lastStarted.get(id), h -> h != null, "started")
                .publicAddress();
        assertThat(ec2.rebootInstances(r -> r.instanceIds(id))).isNotNull();
        await(
                () -> RUNTIME.eventsOf(id),
                e -> e.equals(List.of("started " + address, "stopped", "started " + address)),
                "reboot of " + id);
        assertThat(describe(ec2, id).state().nameAsString()).isEqualTo("running");
    }

    @Test
    void instanceStatusAndConsoleErrors() {
        cloud.faults().neverLeavePending(1);
        String pending = launchOne(null);
        String running = launchOne(null);
        awaitState(ec2, running, "running");

        List<InstanceStatus> runningOnly =
                ec2.describeInstanceStatus(r -> r.instanceIds(pending, running)).instanceStatuses();
        assertThat(runningOnly).singleElement().satisfies(s -> {
            assertThat(s.instanceId()).isEqualTo(running);
            assertThat(s.instanceStatus().statusAsString()).isEqualTo("ok");
            assertThat(s.systemStatus().statusAsString()).isEqualTo("ok");
            assertThat(s.instanceState().nameAsString()).isEqualTo("running");
        });
        List<InstanceStatus> all = ec2.describeInstanceStatus(
                        r -> r.instanceIds(pending, running).includeAllInstances(true))
                .instanceStatuses();
        assertThat(all)
                .extracting(s -> s.instanceId() + ":" + s.instanceStatus().statusAsString())
                .containsExactly(pending + ":not-applicable", running + ":ok");
        assertThat(ec2.getConsoleOutput(r -> r.instanceId(pending)).output()).isEmpty();
        assertThat(errorCode(() -> ec2.getConsoleOutput(r -> r.instanceId("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(errorCode(() -> ec2.describeInstanceStatus(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        ec2.terminateInstances(r -> r.instanceIds(pending, running));
    }

    @Test
    void addressesAreDistinctLoopbackAddressesNeverTheCallers() {
        List<Instance> instances = TestSupport.launch(ec2, 60);
        Set<String> seen = new HashSet<>();
        for (Instance i : instances) {
            for (String address : List.of(i.privateIpAddress(), i.publicIpAddress())) {
                assertThat(address).matches("127\\.\\d+\\.\\d+\\.\\d+").doesNotStartWith("127.0.");
                assertThat(seen.add(address)).as("distinct " + address).isTrue();
            }
        }
        assertThat(Instant.now()).isAfter(instances.get(0).launchTime());
        ec2.terminateInstances(
                r -> r.instanceIds(instances.stream().map(Instance::instanceId).toList()));
    }
}
