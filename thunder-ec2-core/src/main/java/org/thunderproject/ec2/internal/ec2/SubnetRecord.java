package org.thunderproject.ec2.internal.ec2;

/**
 * A subnet as EC2 describes it.
 *
 * @param subnetId its id
 * @param vpcId its VPC
 * @param availabilityZone its zone
 * @param mapsPublicIp whether instances launched into it get a public address
 */
public record SubnetRecord(String subnetId, String vpcId, String availabilityZone, boolean mapsPublicIp) {}
