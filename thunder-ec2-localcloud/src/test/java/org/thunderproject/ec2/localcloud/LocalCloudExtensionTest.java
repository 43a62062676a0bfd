package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The JUnit 5 extension: one cloud per class, injection, faults cleared between tests, closed after all. */
@ExtendWith(LocalCloudExtension.class)
class LocalCloudExtensionTest {

    private static LocalCloud staticCloud;
    private LocalCloud fieldCloud;
    private Ec2Client fieldClient;

    @Test
    void injectsFieldsAndParametersFromOneCloud(LocalCloud cloud, Ec2Client client) {
        assertThat(cloud).isSameAs(fieldCloud).isSameAs(staticCloud);
        assertThat(client).isSameAs(fieldClient);
        assertThat(client.describeRegions().regions()).isNotEmpty();
    }

    @Nested
    class NestedTests {
        private LocalCloud nestedCloud;

        @Test
        void shareTheEnclosingClassesCloud() {
            assertThat(nestedCloud).isSameAs(staticCloud);
        }
    }

    @Test
    void aSampleClassGetsOneCloudThatIsClosedAfterIt() throws Exception {
        Sample.clouds.clear();
        Sample.faultsSeen.clear();
        TestExecutionSummary summary = run(Sample.class);
        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(Sample.clouds).hasSize(2);
        LocalCloud cloud = Sample.clouds.get(0);
        assertThat(Sample.clouds.get(1)).isSameAs(cloud);
        // The first test set a fault; the extension cleared it before the second.
        assertThat(Sample.faultsSeen).containsExactly("faults: throttleNext=50", "faults: none");
        // Closed after all: no more clients, nothing listening.
        assertThatThrownBy(cloud::ec2Client).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(cloud.endpoint()).GET().build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aConfiguredExtensionBuildsItsCloudThatWay() {
        TestExecutionSummary summary = run(ConfiguredSample.class);
        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(testClass))
                        .build(),
                listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(f -> text.append(f.getTestIdentifier().getDisplayName())
                .append(": ")
                .append(f.getException())
                .append('\n'));
        return text.toString();
    }

    /** Run through the launcher above, not by surefire (nested classes are excluded from its scan). */
    @ExtendWith(LocalCloudExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Sample {
        static final List<LocalCloud> clouds = new CopyOnWriteArrayList<>();
        static final List<String> faultsSeen = new CopyOnWriteArrayList<>();

        @Test
        @Order(1)
        void first(LocalCloud cloud, Ec2Client ec2) {
            clouds.add(cloud);
            cloud.faults().throttleNext(50);
            faultsSeen.add(cloud.faults().toString().replaceAll(";.*", ""));
            assertThat(ec2).isNotNull();
        }

        @Test
        @Order(2)
        void second(LocalCloud cloud) {
            clouds.add(cloud);
            faultsSeen.add(cloud.faults().toString().replaceAll(";.*", ""));
        }
    }

    /** A cloud configured through {@link LocalCloudExtension#configured}. */
    static class ConfiguredSample {
        @RegisterExtension
        static final LocalCloudExtension CLOUD =
                LocalCloudExtension.configured(b -> b.region("eu-west-1").sshPort(2201));

        @Test
        void usesTheConfiguration(LocalCloud cloud, Ec2Client ec2) {
            assertThat(cloud.region()).isEqualTo("eu-west-1");
            assertThat(cloud.sshPort()).isEqualTo(2201);
            assertThat(ec2.describeAvailabilityZones()
                            .availabilityZones()
                            .get(0)
                            .zoneName())
                    .isEqualTo("eu-west-1a");
        }
    }
}
