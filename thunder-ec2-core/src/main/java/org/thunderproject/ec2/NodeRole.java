package org.thunderproject.ec2;

/** A node's job in the cluster; written as the {@code thunder:role} tag. */
public enum NodeRole {
    /** Runs the Spark master, the notebook and the {@code thunder} launcher. */
    MASTER("master"),
    /** Runs a Spark worker. */
    SLAVE("slave");

    private final String tagValue;

    NodeRole(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The value of the {@code thunder:role} tag. */
    public String tagValue() {
        return tagValue;
    }

    /** The security group suffix: {@code master} or {@code slaves}, as spark-ec2 named them. */
    public String groupSuffix() {
        return this == MASTER ? "master" : "slaves";
    }
}
