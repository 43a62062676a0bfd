package org.thunderproject.ec2;

/** No cluster of that name exists in the region. */
public final class ClusterNotFoundException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;
    private final String clusterName;

    /** Cluster {@code clusterName} was not found in {@code region}. */
    public ClusterNotFoundException(String clusterName, String region) {
        super("no cluster named '" + clusterName + "' in region " + region
                + " (thunder-ec2 list shows the clusters there)");
        this.clusterName = clusterName;
    }

    /** The name that was looked for. */
    public String clusterName() {
        return clusterName;
    }
}
