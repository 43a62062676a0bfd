package org.thunderproject.ec2.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** ThunderEc2Extension: a ThunderEc2 bound to the class's cloud, injected, closed after the class. */
class ThunderEc2ExtensionTest {

    @RegisterExtension
    static final ThunderEc2Extension CLOUD = ThunderEc2Extension.configured(b -> b.withoutSsh());

    private static ThunderEc2 staticThunder;
    private ThunderEc2 fieldThunder;
    private LocalCloud fieldCloud;

    @Test
    void injectsOneThunderEc2BoundToTheInjectedCloud(
            ThunderEc2 thunder, LocalCloud cloud, Ec2Client ec2, @TempDir Path dir) {
        assertThat(thunder).isSameAs(fieldThunder).isSameAs(staticThunder);
        assertThat(cloud).isSameAs(fieldCloud);
        assertThat(thunder.region()).isEqualTo(cloud.region());
        assertThat(thunder.homeDirectory()).startsWithRaw(cloud.dataDirectory());

        Path key = cloud.createKeyPair("ext-key", dir.resolve("ext-key.pem"));
        Cluster cluster = thunder.cluster(ClusterSpec.builder()
                .name("ext")
                .keyPair("ext-key", key)
                .slaves(1)
                .sshPort(cloud.sshPort())
                .build());
        ClusterDescription launched = cluster.launch(LaunchPhase.INFRASTRUCTURE);

        assertThat(launched.nodes()).hasSize(2);
        // The cloud sees the test at 127.0.0.1, and only that address is admitted.
        List<String> cidrs = ec2
                .describeSecurityGroups(r -> r.groupNames("ext-master"))
                .securityGroups()
                .get(0)
                .ipPermissions()
                .stream()
                .map(IpPermission::ipRanges)
                .flatMap(List::stream)
                .map(r -> r.cidrIp())
                .distinct()
                .toList();
        assertThat(cidrs).containsExactly(cloud.callerAddress() + "/32");
        cluster.destroy();
        assertThat(thunder.list()).isEmpty();
    }

    @Nested
    class NestedTests {
        private ThunderEc2 nestedThunder;

        @Test
        void shareTheEnclosingClassesThunderEc2() {
            assertThat(nestedThunder).isSameAs(staticThunder);
        }
    }

    @Test
    void aSampleClassGetsAThunderEc2ThatIsClosedAfterIt() {
        Sample.seen.clear();
        var summary = SampleRuns.run(Sample.class);
        assertThat(summary.getTestsSucceededCount())
                .as(SampleRuns.failures(summary))
                .isEqualTo(1);
        ThunderEc2 thunder = Sample.seen.get(0);
        assertThatThrownBy(thunder::list)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /** Run through the launcher above, not by surefire. */
    @org.junit.jupiter.api.extension.ExtendWith(ThunderEc2Extension.class)
    static class Sample {
        static final List<ThunderEc2> seen = new CopyOnWriteArrayList<>();

        @Test
        void bound(ThunderEc2 thunder, LocalCloud cloud) {
            seen.add(thunder);
            assertThat(thunder.list()).isEmpty();
            assertThat(thunder.toString()).contains(cloud.endpoint().toString());
        }
    }
}
