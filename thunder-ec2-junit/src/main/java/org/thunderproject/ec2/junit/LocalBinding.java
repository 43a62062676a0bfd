package org.thunderproject.ec2.junit;

import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/** How the extensions bind a ThunderEc2 to a test's cloud. */
final class LocalBinding {
    private LocalBinding() {}

    /**
     * A ThunderEc2 on {@code cloud} whose home (the known hosts) is under the cloud's data
     * directory, so tests never write to the user's {@code ~/.thunder-ec2}.
     */
    static ThunderEc2 thunder(LocalCloud cloud) {
        return ThunderEc2.builder()
                .localCloud(cloud.endpoint(), cloud.region())
                .homeDirectory(cloud.dataDirectory().resolve("thunder-ec2-home"))
                .build();
    }
}
