package org.thunderproject.ec2.localcloud.internal.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What a RunInstances with a client token produced, so that a repeat returns the same reservation
 * and a repeat with other parameters is refused.
 *
 * @param parameters the request's parameters without the token and the protocol ones
 * @param reservationId the reservation
 * @param instanceIds its instances, in launch order
 */
public record LaunchRecord(SortedMap<String, String> parameters, String reservationId, List<String> instanceIds) {

    /** Checks the parts. */
    public LaunchRecord {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(reservationId, "reservationId");
        instanceIds = List.copyOf(instanceIds);
    }
}
