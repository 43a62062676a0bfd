package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/** The client's pacing within EC2's buckets, on a clock the test moves (nothing waits). */
class Ec2RequestPacerTest {

    private final AtomicLong now = new AtomicLong();
    private final Ec2RequestPacer pacer = new Ec2RequestPacer(now::get);

    @Test
    void runInstancesGoesOutInABurstOfFiveThenAtJustUnderTwoASecond() {
        RunInstancesRequest one =
                RunInstancesRequest.builder().minCount(1).maxCount(1).build();
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.reserve(one)).as("call %d of the burst", i + 1).isZero();
        }
        Duration sixth = pacer.reserve(one);
        Duration seventh = pacer.reserve(one);
        assertThat(sixth).isEqualTo(Duration.ofNanos((long) Math.ceil(1e9 / (2 * Ec2RequestPacer.MARGIN))));
        assertThat(seventh).isEqualTo(Duration.ofNanos((long) Math.ceil(2e9 / (2 * Ec2RequestPacer.MARGIN))));
        // After the waits have passed, the bucket is empty, not negative.
        now.addAndGet(seventh.toNanos());
        assertThat(pacer.reserve(one)).isPositive().isLessThanOrEqualTo(sixth);
    }

    @Test
    void describesAndConsoleOutputShareTheNonMutatingBucket() {
        for (int i = 0; i < 50; i++) {
            assertThat(pacer.reserve(DescribeInstancesRequest.builder().build()))
                    .isZero();
            assertThat(pacer.reserve(GetConsoleOutputRequest.builder()
                            .instanceId("i-" + i)
                            .build()))
                    .isZero();
        }
        Duration next = pacer.reserve(
                GetConsoleOutputRequest.builder().instanceId("i-x").build());
        assertThat(next).isEqualTo(Duration.ofNanos((long) Math.ceil(1e9 / (20 * Ec2RequestPacer.MARGIN))));
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertThat(pacer.reserve(DescribeInstancesRequest.builder().build()))
                .as("refilled, capped at 100")
                .isZero();
    }

    @Test
    void instanceCallsAlsoWaitForTheirInstanceBucket() {
        // 1000 instances at once take the whole instance bucket; the next 20 need 20 / (2 * margin) s.
        assertThat(pacer.reserve(
                        RunInstancesRequest.builder().minCount(1).maxCount(1000).build()))
                .isZero();
        Duration wait = pacer.reserve(
                RunInstancesRequest.builder().minCount(1).maxCount(20).build());
        assertThat(wait).isEqualTo(Duration.ofNanos((long) Math.ceil(20e9 / (2 * Ec2RequestPacer.MARGIN))));
        TerminateInstancesRequest terminate =
                TerminateInstancesRequest.builder().instanceIds("i-1", "i-2").build();
        assertThat(pacer.reserve(terminate))
                .as("terminate has buckets of its own")
                .isZero();
        assertThat(Ec2RequestPacer.action(terminate)).isEqualTo("TerminateInstances");
    }
}
