package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/** A subnet (the local cloud has a default one per zone). */
public final class Subnet implements Taggable {

    private final String id;
    private final String vpcId;
    private final Zone zone;
    private final String cidrBlock;
    private final boolean defaultForAz;
    private final String ownerId;
    private final Tags tags = new Tags();

    /** A subnet. */
    public Subnet(String id, String vpcId, Zone zone, String cidrBlock, boolean defaultForAz, String ownerId) {
        this.id = Objects.requireNonNull(id, "id");
        this.vpcId = Objects.requireNonNull(vpcId, "vpcId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.cidrBlock = Objects.requireNonNull(cidrBlock, "cidrBlock");
        this.defaultForAz = defaultForAz;
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
    }

    /** {@code subnet-…}. */
    public String id() {
        return id;
    }

    /** Its VPC. */
    public String vpcId() {
        return vpcId;
    }

    /** Its zone. */
    public Zone zone() {
        return zone;
    }

    /** Its IPv4 block (nominal: instance addresses are loopback addresses regardless). */
    public String cidrBlock() {
        return cidrBlock;
    }

    /** Whether it is its zone's default subnet. */
    public boolean defaultForAz() {
        return defaultForAz;
    }

    /** Default subnets give instances a public address. */
    public boolean mapPublicIpOnLaunch() {
        return true;
    }

    /** The subnet's ARN. */
    public String arn() {
        return "arn:aws:ec2:" + zone.region() + ":" + ownerId + ":subnet/" + id;
    }

    /** The owning account. */
    public String ownerId() {
        return ownerId;
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "subnet";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
