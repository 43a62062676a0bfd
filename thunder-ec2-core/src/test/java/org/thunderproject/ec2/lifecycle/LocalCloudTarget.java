package org.thunderproject.ec2.lifecycle;

import java.util.Optional;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The embedded local cloud, with faults. The lifecycle tests check the EC2 side, so its instances
 * are not SSH hosts and launches stop at INFRASTRUCTURE; SSH has its own tests (HostKeyPinningTest,
 * ClusterSshOperationsTest).
 */
final class LocalCloudTarget implements Ec2Target {
    private final LocalCloud cloud;
    private final ThunderEc2 thunder;
    private final Ec2Client ec2;

    LocalCloudTarget() {
        this.cloud = LocalCloud.builder().withoutSsh().start();
        this.thunder = LocalThunder.bind(cloud);
        this.ec2 = cloud.ec2Client();
    }

    @Override
    public ThunderEc2 thunder() {
        return thunder;
    }

    @Override
    public Ec2Client ec2() {
        return ec2;
    }

    @Override
    public Optional<Faults> faults() {
        return Optional.of(cloud.faults());
    }

    @Override
    public boolean changesAddressesOnRestart() {
        return true;
    }

    @Override
    public ClusterSpec.Builder adapt(ClusterSpec.Builder spec) {
        return spec.sshPort(cloud.sshPort());
    }

    @Override
    public void close() {
        thunder.close();
        cloud.close();
    }

    @Override
    public String toString() {
        return cloud.toString();
    }
}
