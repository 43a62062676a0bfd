package org.thunderproject.ec2.lifecycle;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** What EC2 itself says of a cluster, read with the test's own client (not through thunder-ec2). */
final class RawEc2 {
    private RawEc2() {}

    /** Every instance tagged as cluster {@code name}'s, terminated ones included. */
    static List<Instance> instances(Ec2Client ec2, String name) {
        List<Instance> out = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(Filter.builder()
                        .name("tag:thunder:cluster")
                        .values(name)
                        .build()))
                .reservations()
                .forEach(r -> out.addAll(r.instances()));
        return out;
    }

    /** Instance {@code id}. */
    static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }

    /** Groups {@code NAME-master} and {@code NAME-slaves}, where they exist. */
    static List<SecurityGroup> groups(Ec2Client ec2, String name) {
        return ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                        .name("group-name")
                        .values(name + "-master", name + "-slaves")
                        .build()))
                .securityGroups();
    }
}
