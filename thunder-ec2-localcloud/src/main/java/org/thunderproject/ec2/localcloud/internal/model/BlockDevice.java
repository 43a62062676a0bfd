package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An EBS volume attached to an instance, as the instance describes it.
 *
 * @param deviceName e.g. {@code /dev/xvda}
 * @param volumeId the volume
 * @param deleteOnTermination whether it goes with the instance
 * @param attachTime when it was attached
 */
public record BlockDevice(String deviceName, String volumeId, boolean deleteOnTermination, Instant attachTime) {

    /** Checks the parts. */
    public BlockDevice {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(attachTime, "attachTime");
    }
}
