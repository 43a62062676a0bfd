package org.thunderproject.ec2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** SDK client overrides go to the clients thunder-ec2 makes, so a ready client excludes them. */
class ThunderEc2BuilderTest {

    @Test
    void aReadyClientExcludesInterceptorsAndMetricPublishers() {
        try (Ec2Client ready = Ec2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build()) {
            assertThatThrownBy(() -> ThunderEc2.builder()
                            .ec2Client(ready)
                            .addExecutionInterceptor(new ExecutionInterceptor() {})
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("addExecutionInterceptor")
                    .hasMessageContaining("configure them on the client");
            MetricPublisher publisher = new MetricPublisher() {
                @Override
                public void publish(software.amazon.awssdk.metrics.MetricCollection metrics) {}

                @Override
                public void close() {}
            };
            assertThatThrownBy(() -> ThunderEc2.builder()
                            .ec2Client(ready)
                            .addMetricPublisher(publisher)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("addMetricPublisher");
        }
    }

    @Test
    void nullOverridesAreRefusedAtOnce() {
        assertThatThrownBy(() -> ThunderEc2.builder().addExecutionInterceptor(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ThunderEc2.builder().addMetricPublisher(null))
                .isInstanceOf(NullPointerException.class);
    }
}
