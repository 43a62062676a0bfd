package org.thunderproject.ec2.internal.ec2;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Builds the EC2 clients thunder-ec2 owns: Apache HTTP client (without TLS for a plain http
 * endpoint: {@link PlainHttpOnly}), calls paced within EC2's request throttling ({@link
 * Ec2RequestPacer}), retries tuned for the throttling that remains.
 */
public final class Ec2ClientFactory {
    /** Attempts per call: EC2 throttles hard during large launches, so more than the SDK's 3. */
    static final int MAX_ATTEMPTS = 10;

    private Ec2ClientFactory() {}

    /**
     * A new client for {@code region}; the caller closes it. Uses the blocking Apache client the
     * build pins (apache-client); SDK 2.57 marks it deprecated in favour of apache5-client.
     */
    @SuppressWarnings("deprecation")
    public static Ec2Client create(
            String region,
            Optional<AwsCredentialsProvider> credentials,
            Optional<URI> endpoint,
            ClientOverrides overrides) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60));
        endpoint.filter(PlainHttpOnly::isPlainHttp).ifPresent(e -> http.socketFactory(new PlainHttpOnly(e)));
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> {
                    // The pacer first: it waits before every attempt, so user interceptors time the call itself.
                    o.retryStrategy(retryStrategy()).addExecutionInterceptor(new Ec2RequestPacer());
                    overrides.interceptors().forEach(o::addExecutionInterceptor);
                    overrides.metricPublishers().forEach(o::addMetricPublisher);
                });
        credentials.ifPresent(builder::credentialsProvider);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK's standard strategy, tuned: more attempts; exponential backoff with jitter, longer for
     * throttling; no circuit breaker (a big launch sees many throttles in a row and must go on); and
     * only our own predicates, because the SDK's defaults would also retry capacity errors (HTTP 500).
     */
    public static RetryStrategy retryStrategy() {
        return StandardRetryStrategy.builder()
                .useClientDefaults(false)
                .circuitBreakerEnabled(false)
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20)))
                .retryOnException(Ec2Errors::isRetryable)
                .treatAsThrottling(Ec2Errors::isThrottling)
                .build();
    }
}
