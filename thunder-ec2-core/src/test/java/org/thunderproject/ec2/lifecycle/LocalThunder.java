package org.thunderproject.ec2.lifecycle;

import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/** A ThunderEc2 bound to a test's local cloud, its home (the known hosts) under the cloud's data directory. */
final class LocalThunder {
    private LocalThunder() {}

    /** Bound with {@link ThunderEc2.Builder#localCloud}; the caller closes it before the cloud. */
    static ThunderEc2 bind(LocalCloud cloud) {
        return ThunderEc2.builder()
                .localCloud(cloud.endpoint(), cloud.region())
                .homeDirectory(cloud.dataDirectory().resolve("thunder-ec2-home"))
                .build();
    }
}
