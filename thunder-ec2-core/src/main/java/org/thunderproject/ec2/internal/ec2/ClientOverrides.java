package org.thunderproject.ec2.internal.ec2;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * What a user adds to the EC2 clients thunder-ec2 builds, as AWS SDK users expect to: execution
 * interceptors (to count or trace calls) and metric publishers.
 *
 * @param interceptors run after thunder-ec2's own, in this order
 * @param metricPublishers get every call's metrics
 */
public record ClientOverrides(List<ExecutionInterceptor> interceptors, List<MetricPublisher> metricPublishers) {

    /** Nothing added. */
    public static final ClientOverrides NONE = new ClientOverrides(List.of(), List.of());

    /** Copies the lists. */
    public ClientOverrides {
        interceptors = List.copyOf(interceptors);
        metricPublishers = List.copyOf(metricPublishers);
    }

    /** Whether anything is added. */
    public boolean isEmpty() {
        return interceptors.isEmpty() && metricPublishers.isEmpty();
    }
}
