package org.thunderproject.ec2.lifecycle;

import java.util.Optional;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** An EC2-compatible endpoint the lifecycle tests run against. */
interface Ec2Target extends AutoCloseable {

    /** A ThunderEc2 bound to the endpoint, the caller seen as 127.0.0.1. */
    ThunderEc2 thunder();

    /** A plain SDK client bound to the endpoint, to check what exists and to make key pairs. */
    Ec2Client ec2();

    /** Fault injection, where the endpoint offers it. */
    Optional<Faults> faults();

    /** How far launches go: instances of most endpoints cannot be reached over SSH. */
    default LaunchPhase phase() {
        return LaunchPhase.INFRASTRUCTURE;
    }

    /** Whether public addresses change on stop/start, as in EC2. */
    boolean changesAddressesOnRestart();

    /** Endpoint-specific spec settings (an AMI the endpoint knows, the SSH port). */
    default ClusterSpec.Builder adapt(ClusterSpec.Builder spec) {
        return spec;
    }

    @Override
    void close();
}
