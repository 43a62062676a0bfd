package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.error;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2's rate limits through the SDK: the error, its status, the buckets a client sees, the counts. */
class ApiRateLimitsTest {

    private static LocalCloud cloud;
    private static Ec2Client noRetry;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder()
                .withoutSsh()
                .apiRateLimits(ApiRateLimits.EC2)
                .start();
        noRetry = TestSupport.noRetryClient(cloud);
    }

    @AfterAll
    static void stop() {
        noRetry.close();
        cloud.close();
    }

    private static String stats() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_localcloud/stats"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCallOverItsBucketGetsRequestLimitExceededWith503AndOthersStillPass() throws Exception {
        String image = TestSupport.al2023(noRetry);
        List<Boolean> passed = new ArrayList<>();
        Ec2Exception refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            try {
                noRetry.runInstances(r -> r.imageId(image).minCount(1).maxCount(1));
                passed.add(true);
            } catch (Ec2Exception e) {
                refused = e;
            }
        }
        // A burst of 5 refilling 2 per second: the sixth quick call is refused (the first five might
        // have taken over half a second on a loaded machine, so at least five pass).
        assertThat(passed.size()).isGreaterThanOrEqualTo(5);
        if (refused == null) {
            refused = error(() -> {
                for (int i = 0; i < 10; i++) {
                    noRetry.runInstances(r -> r.imageId(image).minCount(1).maxCount(1));
                }
            });
        }
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.isThrottlingException()).isTrue();
        // Another bucket is untouched.
        assertThat(noRetry.describeAvailabilityZones().availabilityZones()).hasSize(3);

        // Refilled: the default SDK client (with retries) gets through.
        assertThat(cloud.ec2Client()
                        .runInstances(r -> r.imageId(image).minCount(1).maxCount(1))
                        .instances())
                .hasSize(1);

        long launched = cloud.ec2Client().describeInstances().reservations().stream()
                .mapToLong(r -> r.instances().size())
                .sum();
        String stats = TestSupport.await(
                ApiRateLimitsTest::stats, s -> s.contains("instances.sshReady=" + launched), "every instance running");
        assertThat(stats)
                .containsPattern("(?m)^boot\\.slowestMillis=\\d+$")
                .containsPattern("(?m)^throttled\\.RunInstances=[1-9]")
                .containsPattern("(?m)^calls\\.RunInstances=\\d+")
                .contains("calls.DescribeAvailabilityZones=1");
    }
}
