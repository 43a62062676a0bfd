package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.InsufficientCapacityException;
import org.thunderproject.ec2.localcloud.Faults;

/** Launches through EC2 trouble injected by the target's faults: throttling and no capacity in a zone. */
interface Ec2TroubleContract extends LifecycleFixture {
    @Test
    default void throttledLaunchSucceeds() {
        Faults faults = requireFaults();
        faults.throttleNext(4).throttleFraction(0.2, 42);
        String name = name("throttle");

        ClusterDescription launched = cluster(spec(name).slaves(3)).launch(target().phase());

        assertComplete(launched, 3);
        assertThat(rawInstances(name)).hasSize(4);
    }

    @Test
    default void noCapacityInTheMastersZoneSendsSlavesToAnotherZone() {
        Faults faults = requireFaults();
        List<String> zones = zones();
        faults.insufficientCapacity("c5.large", zones.get(0));
        String name = name("zone");
        RecordingListener events = new RecordingListener();

        ClusterDescription launched = cluster(
                        spec(name).slaves(2).masterInstanceType("m5.large").instanceType("c5.large"))
                .addListener(events)
                .launch(target().phase());

        assertComplete(launched, 2);
        assertThat(launched.master().orElseThrow().availabilityZone()).isEqualTo(zones.get(0));
        assertThat(launched.slaves())
                .allSatisfy(s -> assertThat(s.availabilityZone()).isNotEqualTo(zones.get(0)));
        assertThat(events.warnings()).anyMatch(w -> w.contains("c5.large") && w.contains(zones.get(0)));
    }

    @Test
    default void noCapacityInAPinnedZoneIsAClearError() {
        Faults faults = requireFaults();
        String zone = zones().get(0);
        faults.insufficientCapacity("c5.large", zone);
        String name = name("pinned");

        assertThatThrownBy(() -> cluster(
                                spec(name).slaves(1).instanceType("c5.large").availabilityZone(zone))
                        .launch(target().phase()))
                .isInstanceOf(InsufficientCapacityException.class)
                .hasMessageContaining("c5.large")
                .hasMessageContaining(zone);
        assertThat(rawInstances(name)).isEmpty();
    }

    private List<String> zones() {
        return ec2().describeAvailabilityZones().availabilityZones().stream()
                .map(z -> z.zoneName())
                .sorted()
                .toList();
    }
}
