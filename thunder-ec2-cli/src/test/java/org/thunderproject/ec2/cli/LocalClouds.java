package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** What the CLI tests ask a local cloud directly, over its EC2 API, to check what the CLI did. */
public final class LocalClouds {

    private LocalClouds() {}

    /** Creates key pair {@code name} in the cloud and writes its private key to {@code file}, 0600. */
    static Path createKeyPair(LocalCloud cloud, String name, Path file) throws IOException {
        try (Ec2Client ec2 = cloud.ec2Client()) {
            String material = ec2.createKeyPair(r -> r.keyName(name)).keyMaterial();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, material);
            return file;
        }
    }

    /** The cluster's instances that are not terminated, as EC2 reports them. */
    static List<Instance> liveInstances(LocalCloud cloud, String cluster) {
        try (Ec2Client ec2 = cloud.ec2Client()) {
            return ec2
                    .describeInstancesPaginator(r -> r.filters(Filter.builder()
                            .name("tag:thunder:cluster")
                            .values(cluster)
                            .build()))
                    .reservations()
                    .stream()
                    .flatMap(r -> r.instances().stream())
                    .filter(i -> i.state().name() != InstanceStateName.TERMINATED)
                    .toList();
        }
    }

    /** The cluster's security groups ({@code NAME-master}, {@code NAME-slaves}) that exist. */
    static List<SecurityGroup> groups(LocalCloud cloud, String cluster) {
        try (Ec2Client ec2 = cloud.ec2Client()) {
            return ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                            .name("group-name")
                            .values(cluster + "-master", cluster + "-slaves")
                            .build()))
                    .securityGroups();
        }
    }
}
