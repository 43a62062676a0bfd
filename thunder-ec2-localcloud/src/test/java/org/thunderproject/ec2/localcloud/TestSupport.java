package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** Helpers for tests against the local cloud through the real SDK. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
final class TestSupport {

    /** Generous: the build machine is shared and loaded. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private TestSupport() {}

    /** Polls {@code probe} (with {@link Poll}) until {@code condition} holds; fails with the last value at the deadline. */
    static <T> T await(Supplier<T> probe, Predicate<T> condition, String what) {
        AtomicReference<T> last = new AtomicReference<>();
        return Poll.until(
                what,
                DEADLINE,
                () -> {
                    T value = probe.get();
                    last.set(value);
                    return condition.test(value) ? Optional.of(value) : Optional.empty();
                },
                () -> String.valueOf(last.get()));
    }

    /** The EC2 error code {@code call} fails with. */
    static String errorCode(ThrowingCallable call) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call);
        assertThat(e).as("an EC2 error").isNotNull();
        return e.awsErrorDetails().errorCode();
    }

    /** The EC2 error {@code call} fails with. */
    static Ec2Exception error(ThrowingCallable call) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call);
        assertThat(e).as("an EC2 error").isNotNull();
        return e;
    }

    /** An SDK client without retries, to see errors the default client would retry. */
    static Ec2Client noRetryClient(LocalCloud cloud) {
        return Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The newest Amazon Linux 2023 x86_64 image id, found as a client would. */
    static String al2023(Ec2Client ec2) {
        return ec2
                .describeImages(r -> r.owners("amazon")
                        .filters(f -> f.name("name").values("al2023-ami-2023.*-x86_64"), f -> f.name("architecture")
                                .values("x86_64")))
                .images()
                .stream()
                .max((a, b) -> a.creationDate().compareTo(b.creationDate()))
                .orElseThrow()
                .imageId();
    }

    /** Launches {@code count} t3.micro instances of the newest AL2023 image. */
    static List<Instance> launch(Ec2Client ec2, int count) {
        return ec2.runInstances(RunInstancesRequest.builder()
                        .imageId(al2023(ec2))
                        .instanceType(InstanceType.T3_MICRO)
                        .minCount(count)
                        .maxCount(count)
                        .build())
                .instances();
    }

    /** The instance as DescribeInstances shows it now. */
    static Instance describe(Ec2Client ec2, String instanceId) {
        return ec2.describeInstances(DescribeInstancesRequest.builder()
                        .instanceIds(instanceId)
                        .build())
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }

    /** Waits until the instance is in {@code state}. */
    static Instance awaitState(Ec2Client ec2, String instanceId, String state) {
        return await(
                () -> describe(ec2, instanceId), i -> i.state().nameAsString().equals(state), instanceId + " " + state);
    }
}
