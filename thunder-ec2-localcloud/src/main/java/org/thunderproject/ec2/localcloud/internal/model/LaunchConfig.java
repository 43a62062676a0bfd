package org.thunderproject.ec2.localcloud.internal.model;

import java.util.List;
import java.util.Objects;

/**
 * What RunInstances fixed for all instances of one reservation.
 *
 * @param image the AMI
 * @param instanceType e.g. {@code m5.large}
 * @param keyName the key pair name, or null
 * @param authorizedKey the key pair's public key (OpenSSH format) at launch, or null
 * @param zone the availability zone
 * @param subnet the subnet
 * @param groups the security groups
 * @param clientToken the idempotency token, or null
 * @param placementGroup the placement group name, or null
 * @param tenancy {@code default}, {@code dedicated} or {@code host}
 * @param userData base64 user data, or null
 * @param shutdownBehavior {@code stop} or {@code terminate}
 * @param iamProfile the instance profile, or null
 * @param spot the spot request, or null for on-demand
 * @param ebsOptimized whether EBS optimization was asked for
 * @param associatePublicAddress whether the instance gets a public address
 */
public record LaunchConfig(
        Image image,
        String instanceType,
        String keyName,
        String authorizedKey,
        Zone zone,
        Subnet subnet,
        List<GroupRef> groups,
        String clientToken,
        String placementGroup,
        String tenancy,
        String userData,
        String shutdownBehavior,
        IamProfile iamProfile,
        Spot spot,
        boolean ebsOptimized,
        boolean associatePublicAddress) {

    /** Checks the required parts. */
    public LaunchConfig {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(subnet, "subnet");
        groups = List.copyOf(groups);
        Objects.requireNonNull(tenancy, "tenancy");
        Objects.requireNonNull(shutdownBehavior, "shutdownBehavior");
    }

    /**
     * A security group an instance is in.
     *
     * @param id {@code sg-…}
     * @param name its name
     */
    public record GroupRef(String id, String name) {
        /** Checks the parts. */
        public GroupRef {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An IAM instance profile.
     *
     * @param arn its ARN
     * @param id its id ({@code AIPA…})
     */
    public record IamProfile(String arn, String id) {
        /** Checks the parts. */
        public IamProfile {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The spot request behind a spot instance.
     *
     * @param requestId {@code sir-…}
     * @param type {@code one-time} or {@code persistent}
     * @param interruptionBehavior {@code terminate}, {@code stop} or {@code hibernate}
     * @param maxPrice the maximum price, or null (on-demand price)
     */
    public record Spot(String requestId, String type, String interruptionBehavior, String maxPrice) {
        /** Checks the parts. */
        public Spot {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(interruptionBehavior, "interruptionBehavior");
        }

        /** EC2 stops only persistent spot instances whose interruption behaviour is stop. */
        public boolean stoppable() {
            return type.equals("persistent") && interruptionBehavior.equals("stop");
        }
    }
}
