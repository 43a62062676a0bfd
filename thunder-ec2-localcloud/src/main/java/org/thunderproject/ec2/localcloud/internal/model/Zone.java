package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/**
 * An availability zone.
 *
 * @param name e.g. {@code us-east-1a}
 * @param zoneId e.g. {@code use1-az1}
 * @param region the region's name
 */
public record Zone(String name, String zoneId, String region) {

    /** Checks the parts. */
    public Zone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(region, "region");
    }
}
