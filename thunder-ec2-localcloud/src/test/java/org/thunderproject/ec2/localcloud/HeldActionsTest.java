package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.await;
import static org.thunderproject.ec2.localcloud.TestSupport.error;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Held actions (delays and gatherings), and CreateSecurityGroup under a forced race: one name,
 * one group, EC2's {@code InvalidGroup.Duplicate} for everyone else.
 */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class HeldActionsTest {
    private static final int RACERS = 4;

    private static LocalCloud cloud;
    private static Ec2Client ec2;
    private static Ec2Client noRetry;
    private static ExecutorService pool;

    @BeforeAll
    static void clients() {
        noRetry = TestSupport.noRetryClient(cloud);
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        noRetry.close();
    }

    @Test
    void concurrentCreatesOfOneGroupNameMakeOneGroupTaggedByItsCreator() throws Exception {
        for (int trial = 0; trial < 20; trial++) {
            String name = "race" + trial + "-master";
            cloud.faults().gather("CreateSecurityGroup", RACERS);
            List<Future<String>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String claim = "claim-" + i;
                racers.add(pool.submit(() -> {
                    try {
                        return noRetry.createSecurityGroup(r -> r.groupName(name)
                                                .description("race")
                                                .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                                                        .tags(x ->
                                                                x.key("claim").value(claim))))
                                        .groupId()
                                + " " + claim;
                    } catch (Ec2Exception e) {
                        return e.awsErrorDetails().errorCode();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> racer : racers) {
                outcomes.add(racer.get(1, TimeUnit.MINUTES));
            }

            List<String> won =
                    outcomes.stream().filter(o -> o.startsWith("sg-")).toList();
            assertThat(won).as("trial %d: %s", trial, outcomes).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !o.startsWith("sg-"))
                    .hasSize(RACERS - 1)
                    .allSatisfy(o -> assertThat(o).isEqualTo("InvalidGroup.Duplicate"));
            List<SecurityGroup> groups = ec2.describeSecurityGroups(
                            r -> r.filters(f -> f.name("group-name").values(name)))
                    .securityGroups();
            assertThat(groups).singleElement().satisfies(g -> {
                assertThat(won.get(0))
                        .isEqualTo(g.groupId() + " " + g.tags().get(0).value());
            });
        }
        assertThat(cloud.faults().toString()).startsWith("faults: none");
    }

    @Test
    void aGatheredCallWaitsForTheOthersThenLaterCallsRunAtOnce() throws Exception {
        cloud.faults().gather("DescribeVpcs", 2);
        CompletableFuture<Integer> first =
                CompletableFuture.supplyAsync(() -> ec2.describeVpcs().vpcs().size(), pool);
        await(() -> cloud.faults().toString(), s -> s.contains("gather[DescribeVpcs]=1"), "the first call to arrive");
        assertThat(first).as("held until the second call arrives").isNotDone();
        assertThat(ec2.describeSubnets().subnets())
                .as("other actions are not held")
                .isNotEmpty();

        assertThat(ec2.describeVpcs().vpcs()).hasSize(1);
        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo(1);
        assertThat(ec2.describeVpcs().vpcs()).as("the gathering is used up").hasSize(1);
        assertThat(cloud.faults().toString()).doesNotContain("gather[");
    }

    @Test
    void clearReleasesAHeldCall() throws Exception {
        cloud.faults().gather("DescribeVpcs", 3);
        CompletableFuture<Integer> held =
                CompletableFuture.supplyAsync(() -> ec2.describeVpcs().vpcs().size(), pool);
        await(() -> cloud.faults().toString(), s -> s.contains("gather[DescribeVpcs]=2"), "the held call");
        cloud.faults().clear();
        assertThat(held.get(1, TimeUnit.MINUTES)).isEqualTo(1);
    }

    @Test
    void aDelayedActionTakesAtLeastItsDelayUntilRemoved() {
        cloud.faults().delay("DescribeRegions", Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThat(noRetry.describeRegions().regions()).isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(cloud.faults().toString()).contains("delay[DescribeRegions]=400ms");

        cloud.faults().delay("DescribeRegions", Duration.ZERO);
        assertThat(cloud.faults().toString()).startsWith("faults: none");
    }

    @Test
    void theAdminEndpointSetsDelaysAndGatherings() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI faults = cloud.endpoint().resolve("/_localcloud/faults");
        HttpResponse<String> set = post(
                http,
                faults,
                "delayAction=RunInstances&delayMillis=250&gatherAction=CreateSecurityGroup&gatherCalls=2");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("delay[RunInstances]=250ms", "gather[CreateSecurityGroup]=2");

        HttpResponse<String> half = post(http, faults, "gatherAction=CreateSecurityGroup");
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(half.body()).contains("gatherAction and gatherCalls go together");
        assertThat(post(http, faults, "gatherAction=RunInstances&gatherCalls=1").body())
                .contains("at least 2 calls");

        assertThat(post(http, faults, "clear=true").body()).startsWith("faults: none");
        assertThat(error(() -> noRetry.createSecurityGroup(
                                r -> r.groupName("default").description("x")))
                        .awsErrorDetails()
                        .errorCode())
                .as("not held after clear")
                .isEqualTo("InvalidGroup.Duplicate");
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
