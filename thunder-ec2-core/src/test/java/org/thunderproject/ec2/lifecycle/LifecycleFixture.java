package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterState;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * What the lifecycle contracts share: the target and its clients, which {@link AbstractLifecycleTest}
 * holds for the class, and the helpers that make clusters and read back what exists in EC2.
 */
interface LifecycleFixture {

    /** The endpoint under test, started once per class. */
    Ec2Target target();

    /** The ThunderEc2 bound to the target. */
    default ThunderEc2 thunder() {
        return target().thunder();
    }

    /** A plain SDK client bound to the target, to check what exists. */
    default Ec2Client ec2() {
        return target().ec2();
    }

    /** The class's key pair, its private key in {@link #keys()}. */
    TestKeys.KeyPair key();

    /** The class's directory of key files. */
    Path keys();

    /** A handle for {@code spec}, destroyed after the test. */
    Cluster cluster(ClusterSpec.Builder spec);

    default Faults requireFaults() {
        assumeTrue(target().faults().isPresent(), "this endpoint offers no fault injection");
        return target().faults().get();
    }

    default ClusterSpec.Builder spec(String name) {
        return target().adapt(ClusterSpec.builder()
                .name(name)
                .keyPair(key().name(), key().file())
                .readyTimeout(Duration.ofMinutes(3)));
    }

    /** A launch of {@code slaves} slaves that the test thread interrupts at the first event matching {@code when}. */
    default Cluster interruptedLaunch(String name, int slaves, Predicate<ClusterEvent> when) {
        Thread launching = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        Cluster cluster = cluster(spec(name).slaves(slaves));
        cluster.addListener(e -> {
            if (when.test(e) && fired.compareAndSet(false, true)) {
                launching.interrupt();
            }
        });

        assertThatThrownBy(() -> cluster.launch(target().phase()))
                .isInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining("resume()");
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        assertThat(fired).isTrue();
        return cluster;
    }

    default void assertComplete(ClusterDescription d, int slaves) {
        assertThat(d.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(d.master()).isPresent();
        assertThat(d.slaves()).hasSize(slaves);
        assertThat(Set.copyOf(ids(d.nodes()))).hasSize(slaves + 1);
        assertThat(d.nodes()).allSatisfy(n -> assertThat(n.address()).isPresent());
    }

    default List<Instance> rawInstances(String name) {
        return RawEc2.instances(ec2(), name);
    }

    default Instance rawInstance(String id) {
        return RawEc2.instance(ec2(), id);
    }

    default List<SecurityGroup> rawGroups(String name) {
        return RawEc2.groups(ec2(), name);
    }

    /** The TCP port ranges ("from-to") {@code group} opens to {@code cidr}. */
    default List<String> tcpRules(SecurityGroup group, String cidr) {
        return group.ipPermissions().stream()
                .filter(p ->
                        "tcp".equals(p.ipProtocol()) && p.ipRanges().stream().anyMatch(r -> cidr.equals(r.cidrIp())))
                .map(p -> p.fromPort() + "-" + p.toPort())
                .toList();
    }

    default void assertNothingLeft(String name) {
        assertThat(rawInstances(name))
                .allSatisfy(i -> assertThat(i.state().nameAsString()).isEqualTo("terminated"));
        assertThat(rawGroups(name)).isEmpty();
        assertThat(thunder().find(name)).isEmpty();
    }

    default void assertNothingCreated(String name) {
        assertThat(rawInstances(name)).isEmpty();
        assertThat(rawGroups(name)).isEmpty();
    }
}
