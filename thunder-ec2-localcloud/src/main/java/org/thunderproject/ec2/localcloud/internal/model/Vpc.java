package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/** A VPC (the local cloud has the default one per region). */
public final class Vpc implements Taggable {

    private final String id;
    private final String cidrBlock;
    private final boolean isDefault;
    private final String dhcpOptionsId;
    private final Tags tags = new Tags();

    /** A VPC. */
    public Vpc(String id, String cidrBlock, boolean isDefault, String dhcpOptionsId) {
        this.id = Objects.requireNonNull(id, "id");
        this.cidrBlock = Objects.requireNonNull(cidrBlock, "cidrBlock");
        this.isDefault = isDefault;
        this.dhcpOptionsId = Objects.requireNonNull(dhcpOptionsId, "dhcpOptionsId");
    }

    /** {@code vpc-…}. */
    public String id() {
        return id;
    }

    /** Its IPv4 block. */
    public String cidrBlock() {
        return cidrBlock;
    }

    /** Whether it is the region's default VPC. */
    public boolean isDefault() {
        return isDefault;
    }

    /** Its DHCP options set. */
    public String dhcpOptionsId() {
        return dhcpOptionsId;
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "vpc";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
