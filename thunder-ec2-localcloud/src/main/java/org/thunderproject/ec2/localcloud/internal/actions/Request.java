package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.Objects;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Region;

/**
 * One EC2 call as an action sees it.
 *
 * @param action the action name
 * @param cloud the cloud
 * @param region the region the call was signed for
 * @param params its parameters
 */
public record Request(String action, CloudState cloud, Region region, QueryParams params) {

    /** Checks the parts. */
    public Request {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(params, "params");
    }
}
