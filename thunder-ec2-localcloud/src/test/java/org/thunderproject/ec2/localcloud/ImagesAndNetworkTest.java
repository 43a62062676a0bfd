package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** DescribeImages, DescribeRegions, DescribeAvailabilityZones, DescribeVpcs, DescribeSubnets. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class ImagesAndNetworkTest {

    @Test
    void findsTheNewestAmazonLinux2023ImagePerArchitecture(Ec2Client ec2) {
        for (String arch : List.of("x86_64", "arm64")) {
            List<Image> images = ec2.describeImages(r -> r.owners("amazon")
                            .filters(
                                    f -> f.name("name").values("al2023-ami-2023.*-kernel-6.1-" + arch),
                                    f -> f.name("architecture").values(arch),
                                    f -> f.name("state").values("available")))
                    .images();
            assertThat(images).hasSize(3).allSatisfy(i -> {
                assertThat(i.architectureAsString()).isEqualTo(arch);
                assertThat(i.name()).startsWith("al2023-ami-2023.").doesNotContain("minimal");
                assertThat(i.imageOwnerAlias()).isEqualTo("amazon");
                assertThat(i.imageId()).matches("ami-[0-9a-f]{17}");
                assertThat(i.rootDeviceName()).isEqualTo("/dev/xvda");
            });
            assertThat(images).extracting(Image::creationDate).doesNotHaveDuplicates();
            Image newest = images.stream()
                    .max(Comparator.comparing(Image::creationDate))
                    .orElseThrow();
            assertThat(newest.name()).isEqualTo("al2023-ami-2023.6.20241111.0-kernel-6.1-" + arch);
        }
    }

    @Test
    void filtersImagesByOwnerAndId(Ec2Client ec2) {
        List<Image> all = ec2.describeImages().images();
        assertThat(all).extracting(Image::name).contains("al2023-ami-minimal-2023.6.20241111.0-kernel-6.1-arm64");
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).isEmpty();
        assertThat(ec2.describeImages(r -> r.owners("099720109477")).images())
                .extracting(Image::name)
                .singleElement()
                .asString()
                .startsWith("ubuntu/images/");
        Image first = all.get(0);
        assertThat(ec2.describeImages(r -> r.imageIds(first.imageId())).images())
                .containsExactly(first);
        assertThat(ec2.describeImages(r -> r.filters(f -> f.name("image-id").values(first.imageId())))
                        .images())
                .containsExactly(first);
        // AMI ids are stable: the same name in the same region gets the same id in another cloud.
        try (LocalCloud other = LocalCloud.start();
                Ec2Client otherEc2 = other.ec2Client()) {
            assertThat(otherEc2.describeImages(r -> r.imageIds(first.imageId())).images())
                    .hasSize(1);
        }
    }

    @Test
    void imageErrors(Ec2Client ec2) {
        assertThat(errorCode(() -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0"))))
                .isEqualTo("InvalidAMIID.NotFound");
        assertThat(errorCode(() -> ec2.describeImages(r -> r.imageIds("nonsense"))))
                .isEqualTo("InvalidAMIID.Malformed");
        assertThat(errorCode(() ->
                        ec2.describeImages(r -> r.filters(f -> f.name("flavour").values("x")))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void regionsAndZones(LocalCloud cloud, Ec2Client ec2) {
        assertThat(ec2.describeRegions().regions())
                .extracting(r -> r.regionName())
                .contains("us-east-1", "us-west-2", "eu-west-1")
                .containsExactlyElementsOf(cloud.regions());
        assertThat(ec2.describeRegions(r -> r.regionNames("eu-west-1")).regions())
                .singleElement()
                .satisfies(r -> assertThat(r.endpoint()).isEqualTo("ec2.eu-west-1.amazonaws.com"));
        assertThat(ec2.describeRegions(r -> r.filters(f -> f.name("region-name").values("us-*")))
                        .regions())
                .allSatisfy(r -> assertThat(r.regionName()).startsWith("us-"));
        assertThat(errorCode(() -> ec2.describeRegions(r -> r.regionNames("mars-north-1"))))
                .isEqualTo("InvalidParameterValue");

        assertThat(ec2.describeAvailabilityZones().availabilityZones())
                .extracting(AvailabilityZone::zoneName, AvailabilityZone::zoneId, AvailabilityZone::stateAsString)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("us-east-1a", "use1-az1", "available"),
                        org.assertj.core.groups.Tuple.tuple("us-east-1b", "use1-az2", "available"),
                        org.assertj.core.groups.Tuple.tuple("us-east-1c", "use1-az3", "available"));
        assertThat(ec2.describeAvailabilityZones(r -> r.zoneNames("us-east-1b")).availabilityZones())
                .hasSize(1);
        assertThat(errorCode(() -> ec2.describeAvailabilityZones(r -> r.zoneNames("us-east-1z"))))
                .isEqualTo("InvalidParameterValue");
        // The region comes from the request's signature.
        try (Ec2Client europe = cloud.ec2Client("eu-west-1")) {
            assertThat(europe.describeAvailabilityZones().availabilityZones())
                    .extracting(AvailabilityZone::zoneName)
                    .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
        }
    }

    @Test
    void defaultVpcAndSubnets(Ec2Client ec2) {
        Vpc vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                .vpcs()
                .get(0);
        assertThat(vpc.isDefault()).isTrue();
        assertThat(vpc.cidrBlock()).isEqualTo("172.31.0.0/16");
        assertThat(vpc.vpcId()).startsWith("vpc-");
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs()).containsExactly(vpc);

        List<Subnet> subnets = ec2.describeSubnets(
                        r -> r.filters(f -> f.name("vpc-id").values(vpc.vpcId())))
                .subnets();
        assertThat(subnets).hasSize(3).allSatisfy(s -> {
            assertThat(s.defaultForAz()).isTrue();
            assertThat(s.mapPublicIpOnLaunch()).isTrue();
            assertThat(s.vpcId()).isEqualTo(vpc.vpcId());
        });
        assertThat(subnets)
                .extracting(Subnet::availabilityZone)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(ec2.describeSubnets(r -> r.filters(
                                f -> f.name("availability-zone").values("us-east-1c"),
                                f -> f.name("default-for-az").values("true")))
                        .subnets())
                .singleElement()
                .extracting(Subnet::subnetId)
                .isEqualTo(subnets.get(2).subnetId());

        assertThat(errorCode(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0"))))
                .isEqualTo("InvalidVpcID.NotFound");
        assertThat(errorCode(() -> ec2.describeSubnets(r -> r.subnetIds("subnet-0123456789abcdef0"))))
                .isEqualTo("InvalidSubnetID.NotFound");
        assertThat(errorCode(() ->
                        ec2.describeSubnets(r -> r.filters(f -> f.name("size").values("big")))))
                .isEqualTo("InvalidParameterValue");
    }
}
