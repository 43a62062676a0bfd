package org.thunderproject.ec2.internal.ec2;

import java.util.List;
import java.util.Optional;

/**
 * What preflight resolved, for the launch to use: nothing here is created yet.
 *
 * @param keyName the key pair
 * @param masterImage the master's AMI
 * @param slaveImage the slaves' AMI (differs when the architectures differ)
 * @param cidrs the CIDRs to authorize
 * @param extraGroupIds the additional groups, as ids
 * @param subnet the subnet, when the spec names one
 * @param expectPublicIp whether nodes get public addresses (wait for them)
 */
public record LaunchPlan(
        String keyName,
        String masterImage,
        String slaveImage,
        List<String> cidrs,
        List<String> extraGroupIds,
        Optional<SubnetRecord> subnet,
        boolean expectPublicIp) {

    /** Copies the lists. */
    public LaunchPlan {
        cidrs = List.copyOf(cidrs);
        extraGroupIds = List.copyOf(extraGroupIds);
    }
}
