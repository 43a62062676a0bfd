package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/** Where an ingress rule admits traffic from: an IPv4 range, an IPv6 range, or a security group. */
public sealed interface RuleSource {

    /** An IPv4 CIDR. */
    record Ipv4(String cidr) implements RuleSource {
        /** Checks the part. */
        public Ipv4 {
            Objects.requireNonNull(cidr, "cidr");
        }
    }

    /** An IPv6 CIDR. */
    record Ipv6(String cidr) implements RuleSource {
        /** Checks the part. */
        public Ipv6 {
            Objects.requireNonNull(cidr, "cidr");
        }
    }

    /** Members of a security group. */
    record Group(String userId, String groupId) implements RuleSource {
        /** Checks the parts. */
        public Group {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(groupId, "groupId");
        }
    }
}
