package org.thunderproject.ec2.internal.ec2;

/**
 * The cluster's two security groups and its launch generation.
 *
 * @param masterGroupId id of {@code NAME-master}
 * @param slavesGroupId id of {@code NAME-slaves}
 * @param launchId the launch generation ClientTokens derive from
 */
public record ClusterGroups(String masterGroupId, String slavesGroupId, String launchId) {}
