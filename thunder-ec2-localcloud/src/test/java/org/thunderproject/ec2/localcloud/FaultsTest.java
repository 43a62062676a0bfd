package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.await;
import static org.thunderproject.ec2.localcloud.TestSupport.awaitState;
import static org.thunderproject.ec2.localcloud.TestSupport.describe;
import static org.thunderproject.ec2.localcloud.TestSupport.error;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Faults through the Java API and the admin endpoint, seen through the SDK. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class FaultsTest {

    private static LocalCloud cloud;
    private static Ec2Client ec2;
    private static Ec2Client noRetry;

    @BeforeAll
    static void clients() {
        noRetry = TestSupport.noRetryClient(cloud);
    }

    @AfterAll
    static void close() {
        noRetry.close();
    }

    @Test
    void throttledCallsAnswerRequestLimitExceededAndTheSdkRetriesThem() {
        cloud.faults().throttleNext(1);
        Ec2Exception throttled = error(() -> noRetry.describeRegions());
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.isThrottlingException()).isTrue();
        assertThat(noRetry.describeRegions().regions()).isNotEmpty(); // only one was throttled

        // The default SDK client retries throttling: two throttled attempts, then success.
        cloud.faults().throttleNext(2);
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).hasSize(3);
        assertThat(cloud.faults().toString()).startsWith("faults: none");
    }

    @Test
    void throttlingOneActionLeavesTheOthers() {
        cloud.faults().throttleNext(1, "RunInstances");
        assertThat(noRetry.describeInstances().reservations()).isNotNull();
        String ami = TestSupport.al2023(noRetry);
        assertThat(error(() -> noRetry.runInstances(
                                r -> r.imageId(ami).minCount(1).maxCount(1)))
                        .awsErrorDetails()
                        .errorCode())
                .isEqualTo("RequestLimitExceeded");
        assertThat(noRetry.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1))
                        .instances())
                .hasSize(1);
    }

    @Test
    void aSeededFractionThrottlesTheSameCallsEveryTime() {
        List<Boolean> first = throttlePattern(0.3, 42);
        List<Boolean> second = throttlePattern(0.3, 42);
        assertThat(first).isEqualTo(second);
        long throttled = first.stream().filter(b -> b).count();
        assertThat(throttled).isBetween(5L, 25L); // 30% of 40, give or take
        assertThat(throttlePattern(0.3, 7)).isNotEqualTo(first);
    }

    private List<Boolean> throttlePattern(double fraction, long seed) {
        cloud.faults().clear().throttleFraction(fraction, seed);
        List<Boolean> pattern = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            try {
                noRetry.describeRegions();
                pattern.add(false);
            } catch (Ec2Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                pattern.add(true);
            }
        }
        cloud.faults().clear();
        return pattern;
    }

    @Test
    void insufficientCapacityInOneZoneLetsAClientTryAnother() {
        cloud.faults().insufficientCapacity("m5.2xlarge", "us-east-1a");
        String ami = TestSupport.al2023(ec2);
        Ec2Exception e = error(() -> noRetry.runInstances(r -> r.imageId(ami)
                .instanceType("m5.2xlarge")
                .minCount(1)
                .maxCount(1)
                .placement(p -> p.availabilityZone("us-east-1a"))));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(e.awsErrorDetails().errorMessage()).contains("us-east-1b", "us-east-1c");

        Instance inB = ec2.runInstances(r -> r.imageId(ami)
                        .instanceType("m5.2xlarge")
                        .minCount(1)
                        .maxCount(1)
                        .placement(p -> p.availabilityZone("us-east-1b")))
                .instances()
                .get(0);
        assertThat(inB.placement().availabilityZone()).isEqualTo("us-east-1b");
        // Without a zone EC2 picks one that has capacity.
        Instance anywhere = ec2.runInstances(r ->
                        r.imageId(ami).instanceType("m5.2xlarge").minCount(1).maxCount(1))
                .instances()
                .get(0);
        assertThat(anywhere.placement().availabilityZone()).isNotEqualTo("us-east-1a");
        // Other types are unaffected in that zone.
        assertThat(ec2.runInstances(r -> r.imageId(ami)
                                .instanceType("m5.large")
                                .minCount(1)
                                .maxCount(1)
                                .placement(p -> p.availabilityZone("us-east-1a")))
                        .instances())
                .hasSize(1);
    }

    @Test
    void instancesThatNeverLeavePending() {
        cloud.faults().neverLeavePending(2);
        List<Instance> launched = TestSupport.launch(ec2, 3);
        Instance third = awaitState(ec2, launched.get(2).instanceId(), "running");
        // Well past the pending time of the third, the first two are still pending.
        assertThat(describe(ec2, launched.get(0).instanceId()).state().nameAsString())
                .isEqualTo("pending");
        assertThat(describe(ec2, launched.get(1).instanceId()).state().nameAsString())
                .isEqualTo("pending");
        assertThat(third.publicIpAddress()).isNotNull();
        ec2.terminateInstances(r -> r.instanceIds(launched.get(0).instanceId()));
        awaitState(ec2, launched.get(0).instanceId(), "terminated");
    }

    @Test
    void slowerTransitions() {
        cloud.faults().transitionTimes(Duration.ofMillis(1500), Duration.ofMillis(200), Duration.ofMillis(200));
        long start = System.nanoTime();
        String id = TestSupport.launch(ec2, 1).get(0).instanceId();
        awaitState(ec2, id, "running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));

        cloud.faults().clear(); // back to 250 ms
        long again = System.nanoTime();
        String fast = TestSupport.launch(ec2, 1).get(0).instanceId();
        awaitState(ec2, fast, "running");
        assertThat(Duration.ofNanos(System.nanoTime() - again)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theAdminEndpointSetsAndShowsFaults() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI faults = cloud.endpoint().resolve("/_localcloud/faults");
        HttpResponse<String> set = http.send(
                HttpRequest.newBuilder(faults)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "throttleNext=1&throttleAction=DescribeVpcs&neverLeavePending=1"
                                        + "&insufficientCapacity=c5.large%40us-east-1c&pendingMillis=300"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body())
                .contains(
                        "throttleNext[DescribeVpcs]=1", "neverLeavePending=1", "c5.large@us-east-1c", "pending=300ms");
        assertThat(cloud.faults().toString()).contains("throttleNext[DescribeVpcs]=1");

        assertThat(error(() -> noRetry.describeVpcs()).awsErrorDetails().errorCode())
                .isEqualTo("RequestLimitExceeded");
        assertThat(http.send(HttpRequest.newBuilder(faults).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .body())
                .doesNotContain("DescribeVpcs")
                .contains("neverLeavePending=1");

        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(faults)
                        .POST(HttpRequest.BodyPublishers.ofString("throttleEverything=yes"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("throttleEverything");

        http.send(
                HttpRequest.newBuilder(faults)
                        .POST(HttpRequest.BodyPublishers.ofString("clear=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cloud.faults().toString()).startsWith("faults: none").contains("pending=250ms");
        await(() -> cloud.faults().toString(), s -> s.startsWith("faults: none"), "faults cleared");
    }
}
