package org.thunderproject.ec2.localcloud.internal.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** EC2's buckets: which call draws from which, per region and client, and the instance buckets. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(now::get);

    private int admitted(String region, String key, String action, Map<String, String> params, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.admit(region, key, action, params)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void runInstancesHasABurstOfFiveRefillingTwoPerSecond() {
        Map<String, String> one = Map.of("MaxCount", "1");
        assertThat(admitted("us-east-1", "A", "RunInstances", one, 10)).isEqualTo(5);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(admitted("us-east-1", "A", "RunInstances", one, 10)).isEqualTo(2);
    }

    @Test
    void bucketsArePerRegionAndPerClient() {
        Map<String, String> one = Map.of("MaxCount", "1");
        assertThat(admitted("us-east-1", "A", "RunInstances", one, 10)).isEqualTo(5);
        assertThat(admitted("us-east-1", "B", "RunInstances", one, 10))
                .as("another access key")
                .isEqualTo(5);
        assertThat(admitted("eu-west-1", "A", "RunInstances", one, 10))
                .as("another region")
                .isEqualTo(5);
    }

    @Test
    void describesShareTheNonMutatingBucketAndUnfilteredOnesHaveTheirOwn() {
        Map<String, String> filtered = Map.of("Filter.1.Name", "tag:thunder:cluster", "Filter.1.Value.1", "c");
        assertThat(admitted("r", "A", "DescribeInstances", filtered, 60)
                        + admitted("r", "A", "GetConsoleOutput", Map.of("InstanceId", "i-1"), 60))
                .isEqualTo(100);
        assertThat(admitted("r", "A", "DescribeInstances", Map.of(), 60))
                .as("unfiltered, unpaginated")
                .isEqualTo(50);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(admitted("r", "A", "DescribeSecurityGroups", Map.of("GroupId.1", "sg-1"), 60))
                .isEqualTo(20);
        assertThat(admitted("r", "A", "DescribeImages", Map.of(), 60)).isEqualTo(10);
    }

    @Test
    void instanceBucketsCountInstancesAndRefuseWithoutTakingARequestToken() {
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "999")))
                .isTrue();
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "2")))
                .as("one instance left")
                .isFalse();
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "1")))
                .as("the last instance")
                .isTrue();
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "1")))
                .as("no instance left")
                .isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "2")))
                .as("2 instances per second")
                .isTrue();
        assertThat(limiter.admit("r", "A", "RunInstances", Map.of("MaxCount", "1")))
                .isFalse();
    }

    @Test
    void aCallRefusedForItsInstancesTakesNoRequestToken() {
        Map<String, String> thousand = new java.util.HashMap<>();
        for (int i = 1; i <= 1000; i++) {
            thousand.put("InstanceId." + i, "i-" + i);
        }
        assertThat(limiter.admit("r", "A", "StopInstances", thousand)).isTrue();
        assertThat(admitted("r", "A", "StopInstances", Map.of("InstanceId.1", "i-1"), 10))
                .isZero();
        assertThat(admitted("r", "A", "CreateSecurityGroup", Map.of(), 100))
                .as("the mutating bucket lost only the one call that passed")
                .isEqualTo(49);
    }

    @Test
    void terminateHasItsOwnBucketsAndMutatingCallsShareOne() {
        Map<String, String> ids = Map.of("InstanceId.1", "i-1", "InstanceId.2", "i-2");
        assertThat(admitted("r", "A", "TerminateInstances", ids, 150)).isEqualTo(100);
        assertThat(admitted("r", "A", "CreateSecurityGroup", Map.of(), 30)
                        + admitted("r", "A", "DeleteSecurityGroup", Map.of(), 30))
                .isEqualTo(50);
        assertThat(admitted("r", "A", "AuthorizeSecurityGroupIngress", Map.of(), 60))
                .isEqualTo(50);
        assertThat(admitted("r", "A", "CreateTags", Map.of(), 120)).isEqualTo(100);
    }

    @Test
    void stopInstancesIsMutatingWithAnInstanceBucketOfAThousandRefillingTwenty() {
        assertThat(Ec2ThrottlePolicy.requestLimit("StopInstances", Map.of())).isEqualTo(Ec2ThrottlePolicy.MUTATING);
        Map<String, String> ids = Map.of("InstanceId.1", "i-1");
        assertThat(Ec2ThrottlePolicy.resourceCount("StopInstances", ids)).isEqualTo(1);
        assertThat(Ec2ThrottlePolicy.resourceLimit("StopInstances").capacity()).isEqualTo(1000);
        assertThat(Ec2ThrottlePolicy.resourceLimit("StopInstances").refillPerSecond())
                .isEqualTo(20);
    }
}
