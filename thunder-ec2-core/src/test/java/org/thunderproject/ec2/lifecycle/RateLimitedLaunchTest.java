package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.ApiRateLimits;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The library under EC2's own API rate limits: a local cloud that enforces EC2's token buckets
 * (and boot times that vary), a launch of 200 slaves to SSH_READY and a destroy, through a
 * {@link ThunderEc2} with its defaults and a user's execution interceptor that counts every
 * attempt by action. Nothing fails, every asked-for node exists and answers SSH, RunInstances
 * stays within its burst, and GetConsoleOutput stays about one per node (at most 1.2 N).
 */
class RateLimitedLaunchTest {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitedLaunchTest.class);
    private static final int SLAVES = 200;

    @TempDir
    static Path dir;

    /** A user's interceptor: counts the attempts of each action (retries included). */
    static final class CountingInterceptor implements ExecutionInterceptor {
        final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String name = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
            attempts.computeIfAbsent(name, n -> new LongAdder()).increment();
        }

        long of(String action) {
            LongAdder n = attempts.get(action);
            return n == null ? 0 : n.sum();
        }
    }

    @Test
    void twoHundredSlavesLaunchAndGoWithinEc2sLimitsWithoutAFailure() throws Exception {
        CountingInterceptor counter = new CountingInterceptor();
        try (LocalCloud cloud = LocalCloud.builder()
                        .apiRateLimits(ApiRateLimits.EC2)
                        .pendingTime(Duration.ofMillis(500))
                        .pendingSpread(Duration.ofMillis(250))
                        .sshBootDelay(Duration.ofSeconds(1))
                        .sshBootSpread(Duration.ofMillis(500))
                        .seed(10)
                        .start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .endpointOverride(cloud.endpoint())
                        .region(cloud.region())
                        // An access key of its own: the cloud's buckets are per client, so the test's own calls do not
                        // count.
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("ratelimited", "x")))
                        .callerAddress(CallerAddress.fixed("127.0.0.1"))
                        .homeDirectory(dir.resolve("home"))
                        .addExecutionInterceptor(counter)
                        .build()) {
            TestKeys.KeyPair key = TestKeys.create(cloud.ec2Client(), dir, "rate-key");
            Cluster cluster = thunder.cluster(ClusterSpec.builder()
                    .name("limited")
                    .keyPair(key.name(), key.file())
                    .slaves(SLAVES)
                    .sshPort(cloud.sshPort())
                    .readyTimeout(Duration.ofMinutes(10))
                    .build());

            long start = System.nanoTime();
            ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
            Duration launch = Duration.ofNanos(System.nanoTime() - start);
            Map<String, Long> launchAttempts = snapshot(counter);
            String launchStats = stats(cloud);

            assertThat(launched.nodes()).hasSize(SLAVES + 1).allSatisfy(n -> assertThat(n.state())
                    .isEqualTo(NodeState.RUNNING));
            assertThat(cloud.ec2Client().describeInstances().reservations().stream()
                            .mapToLong(r -> r.instances().size())
                            .sum())
                    .as("nothing made twice")
                    .isEqualTo(SLAVES + 1);
            assertThat(cluster.run("true")).hasSize(SLAVES + 1).allSatisfy(r -> assertThat(r.exitStatus())
                    .isZero());
            assertThat(counter.of("RunInstances"))
                    .as("the master and four batches: one burst, no retry")
                    .isEqualTo(5);
            assertThat(launchStats).doesNotContain("throttled.RunInstances");
            assertThat(counter.of("GetConsoleOutput"))
                    .as("about one console read per node")
                    .isBetween((long) SLAVES + 1, (long) Math.floor(1.2 * (SLAVES + 1)));

            start = System.nanoTime();
            cluster.destroy();
            Duration destroy = Duration.ofNanos(System.nanoTime() - start);
            assertThat(cluster.describe().nodes()).isEmpty();

            String line = "201 nodes under EC2's rate limits: launch " + launch.toMillis() + " ms, destroy "
                    + destroy.toMillis() + " ms; client attempts during launch " + launchAttempts + "; cloud "
                    + launchStats.replace('\n', ' ');
            LOG.info(line);
            System.out.println(line);
        }
    }

    private static Map<String, Long> snapshot(CountingInterceptor counter) {
        Map<String, Long> out = new TreeMap<>();
        counter.attempts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String stats(LocalCloud cloud) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_localcloud/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
