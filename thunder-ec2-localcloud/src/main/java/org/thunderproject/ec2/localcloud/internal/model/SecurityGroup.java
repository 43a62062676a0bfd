package org.thunderproject.ec2.localcloud.internal.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A security group with its ingress and egress rules. */
public final class SecurityGroup implements Taggable {

    private final String id;
    private final String name;
    private final String description;
    private final String vpcId;
    private final String ownerId;
    private final String region;
    private final long seq;
    private final List<Rule> ingress = new ArrayList<>();
    private final List<Rule> egress = new ArrayList<>();
    private final Tags tags = new Tags();

    /** A group without rules. */
    public SecurityGroup(
            String id, String name, String description, String vpcId, String ownerId, String region, long seq) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.vpcId = Objects.requireNonNull(vpcId, "vpcId");
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        this.region = Objects.requireNonNull(region, "region");
        this.seq = seq;
    }

    /** {@code sg-…}. */
    public String id() {
        return id;
    }

    /** Its name, unique in its VPC. */
    public String name() {
        return name;
    }

    /** Its description. */
    public String description() {
        return description;
    }

    /** Its VPC. */
    public String vpcId() {
        return vpcId;
    }

    /** The owning account. */
    public String ownerId() {
        return ownerId;
    }

    /** Creation order. */
    public long seq() {
        return seq;
    }

    /** The group's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":security-group/" + id;
    }

    /** Whether it is its VPC's {@code default} group (which cannot be deleted). */
    public boolean isDefault() {
        return name.equals("default");
    }

    /** Ingress rules (mutable, guarded by the cloud lock). */
    public List<Rule> ingress() {
        return ingress;
    }

    /** Egress rules (mutable, guarded by the cloud lock). */
    public List<Rule> egress() {
        return egress;
    }

    /** Whether any rule of this group admits members of {@code groupId}. */
    public boolean references(String groupId) {
        return ingress.stream().anyMatch(r -> refers(r, groupId))
                || egress.stream().anyMatch(r -> refers(r, groupId));
    }

    private static boolean refers(Rule rule, String groupId) {
        return rule.source() instanceof RuleSource.Group g && g.groupId().equals(groupId);
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "security-group";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
