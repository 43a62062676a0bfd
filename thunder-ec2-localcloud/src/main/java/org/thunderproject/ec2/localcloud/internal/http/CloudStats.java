package org.thunderproject.ec2.localcloud.internal.http;

import java.util.concurrent.TimeUnit;
import org.thunderproject.ec2.localcloud.internal.model.BootTimes;
import org.thunderproject.ec2.localcloud.internal.throttle.CallCounts;

/**
 * The text of {@code /_localcloud/stats}: one {@code key=value} a line, for benchmarks and
 * scripts. {@code calls.ACTION} and {@code throttled.ACTION} count EC2 calls;
 * {@code instances.sshReady} is how many instances answered SSH since they were requested and
 * {@code boot.slowestMillis} the slowest one's own time from request to SSH (empty before any).
 */
final class CloudStats {

    private CloudStats() {}

    static String render(CallCounts calls, BootTimes boots) {
        StringBuilder out = new StringBuilder();
        calls.calls().forEach((action, n) -> out.append("calls.")
                .append(action)
                .append('=')
                .append(n)
                .append('\n'));
        calls.throttled().forEach((action, n) -> out.append("throttled.")
                .append(action)
                .append('=')
                .append(n)
                .append('\n'));
        out.append("instances.sshReady=").append(boots.sshReadyCount()).append('\n');
        out.append("boot.slowestMillis=");
        boots.slowestBootToSshNanos().ifPresent(n -> out.append(TimeUnit.NANOSECONDS.toMillis(n)));
        return out.append('\n').toString();
    }
}
