package org.thunderproject.ec2.internal.ec2;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;

/**
 * One RunInstances call: {@code count} identical instances, all or nothing.
 *
 * @param imageId the AMI
 * @param instanceType the instance type
 * @param count how many (MinCount = MaxCount)
 * @param keyName the key pair
 * @param securityGroupIds the groups to join
 * @param availabilityZone the zone, when pinned
 * @param subnetId the subnet, when given
 * @param placementGroup the placement group, when given
 * @param instanceProfileName the IAM instance profile, when given
 * @param userData plain-text user data, when given
 * @param ebsVolumeSizeGb size of each extra EBS volume, 0 for none
 * @param ebsVolumeType type of the extra volumes
 * @param ebsVolumeCount number of extra volumes
 * @param shutdownBehavior what an OS shutdown does
 * @param spotPrice a maximum spot price, for spot instances
 * @param instanceTags tags for the instances
 * @param volumeTags tags for their volumes
 * @param clientToken the idempotency token
 */
public record RunRequest(
        String imageId,
        String instanceType,
        int count,
        String keyName,
        List<String> securityGroupIds,
        Optional<String> availabilityZone,
        Optional<String> subnetId,
        Optional<String> placementGroup,
        Optional<String> instanceProfileName,
        Optional<String> userData,
        int ebsVolumeSizeGb,
        String ebsVolumeType,
        int ebsVolumeCount,
        ShutdownBehavior shutdownBehavior,
        Optional<BigDecimal> spotPrice,
        Map<String, String> instanceTags,
        Map<String, String> volumeTags,
        String clientToken) {

    /** Copies the collections. */
    public RunRequest {
        securityGroupIds = List.copyOf(securityGroupIds);
        instanceTags = Map.copyOf(instanceTags);
        volumeTags = Map.copyOf(volumeTags);
    }

    /** The same request in another zone, with another token. */
    public RunRequest inZone(String zone, String token) {
        return new RunRequest(
                imageId,
                instanceType,
                count,
                keyName,
                securityGroupIds,
                Optional.of(zone),
                subnetId,
                placementGroup,
                instanceProfileName,
                userData,
                ebsVolumeSizeGb,
                ebsVolumeType,
                ebsVolumeCount,
                shutdownBehavior,
                spotPrice,
                instanceTags,
                volumeTags,
                token);
    }
}
