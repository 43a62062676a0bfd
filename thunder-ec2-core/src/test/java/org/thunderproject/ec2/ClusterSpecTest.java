package org.thunderproject.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link ClusterSpec}: each failure names the field, and building never touches AWS. */
class ClusterSpecTest {

    private static ClusterSpec.Builder valid() {
        return ClusterSpec.builder().name("demo").keyPair("mykey", Path.of("/home/me/mykey.pem"));
    }

    @Test
    void defaultsAreTheSeedsWithoutOpeningTheWorld() {
        ClusterSpec spec = valid().build();

        assertThat(spec.slaves()).isEqualTo(1);
        assertThat(spec.instanceType()).isEqualTo(ClusterSpec.DEFAULT_INSTANCE_TYPE);
        assertThat(spec.effectiveMasterInstanceType()).isEqualTo(spec.instanceType());
        assertThat(spec.user()).isEqualTo("ec2-user");
        assertThat(spec.sshPort()).isEqualTo(22);
        assertThat(spec.authorizedCidrs()).isEmpty();
        assertThat(spec.instanceInitiatedShutdownBehavior()).isEqualTo(ClusterSpec.ShutdownBehavior.STOP);
        assertThat(spec.spotPrice()).isEmpty();
        assertThat(spec.ebsVolumeSizeGb()).isZero();
    }

    @Test
    void everyFieldCanBeSetOnAValidSpec() {
        ClusterSpec spec = valid().slaves(200)
                .instanceType("m6g.large")
                .masterInstanceType("m5.xlarge")
                .region("eu-west-1")
                .availabilityZone("eu-west-1b")
                .ami("ami-0123456789abcdef0")
                .user("admin")
                .sshPort(2222)
                .addAuthorizedCidrs("203.0.113.7/32", "2001:db8::/64")
                .spotPrice(new BigDecimal("0.05"))
                .ebsVolumeSizeGb(100)
                .ebsVolumeType("gp2")
                .ebsVolumeCount(8)
                .vpcId("vpc-0123abcd")
                .subnetId("subnet-0123abcd")
                .placementGroup("pg")
                .instanceProfileName("profile")
                .userData("#!/bin/sh\n")
                .addAdditionalSecurityGroups("sg-0123abcd", "ops")
                .putAdditionalTags("team", "science")
                .instanceInitiatedShutdownBehavior(ClusterSpec.ShutdownBehavior.TERMINATE)
                .readyTimeout(Duration.ofMinutes(5))
                .build();

        assertThat(spec.effectiveMasterInstanceType()).isEqualTo("m5.xlarge");
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    static Stream<Arguments> brokenSpecs() {
        Map<String, String> tooManyTags = new HashMap<>();
        for (int i = 0; i < 48; i++) {
            tooManyTags.put("k" + i, "v");
        }
        return Stream.of(
                broken("name", b -> b.name("bad name")),
                broken("name", b -> b.name("-starts-with-dash")),
                broken("name", b -> b.name("x".repeat(64))),
                broken("name", b -> b.name("sg-cluster")),
                broken("name", b -> b.name("")),
                broken("keyPair", b -> ClusterSpec.builder().name("demo").keyName("only-a-name")),
                broken("keyPair", b -> ClusterSpec.builder().name("demo").identityFile(Path.of("only.pem"))),
                broken("keyName", b -> b.keyPair("tab\tkey", Path.of("k.pem"))),
                broken("slaves", b -> b.slaves(0)),
                broken("slaves", b -> b.slaves(1001)),
                broken("instanceType", b -> b.instanceType("large")),
                broken("masterInstanceType", b -> b.masterInstanceType("M5.LARGE")),
                broken("region", b -> b.region("mars")),
                broken("availabilityZone", b -> b.availabilityZone("us-east-1")),
                broken("availabilityZone", b -> b.region("us-east-1").availabilityZone("eu-west-1a")),
                broken("ami", b -> b.ami("ubuntu")),
                broken("user", b -> b.user("Root User")),
                broken("sshPort", b -> b.sshPort(0)),
                broken("sshPort", b -> b.sshPort(65536)),
                broken("authorizedCidrs", b -> b.addAuthorizedCidrs("203.0.113.7")),
                broken("authorizedCidrs", b -> b.addAuthorizedCidrs("203.0.113.7/33")),
                broken("authorizedCidrs", b -> b.addAuthorizedCidrs("2001:db8::/129")),
                broken("spotPrice", b -> b.spotPrice(BigDecimal.ZERO)),
                broken("spotPrice", b -> b.spotPrice(new BigDecimal("-1"))),
                broken("ebsVolumeSizeGb", b -> b.ebsVolumeSizeGb(-1)),
                broken("ebsVolumeSizeGb", b -> b.ebsVolumeSizeGb(16385)),
                broken("ebsVolumeCount", b -> b.ebsVolumeCount(0)),
                broken("ebsVolumeCount", b -> b.ebsVolumeCount(9)),
                broken("ebsVolumeType", b -> b.ebsVolumeType("ssd")),
                broken("vpcId", b -> b.vpcId("default")),
                broken("subnetId", b -> b.vpcId("vpc-0123abcd").subnetId("net-1")),
                broken("subnetId", b -> b.subnetId("subnet-0123abcd")),
                broken("userData", b -> b.userData("x".repeat(16 * 1024 + 1))),
                broken("additionalSecurityGroups", b -> b.addAdditionalSecurityGroups(" ")),
                broken("additionalTags", b -> b.putAllAdditionalTags(tooManyTags)),
                broken("additionalTags", b -> b.putAdditionalTags("thunder:cluster", "x")),
                broken("additionalTags", b -> b.putAdditionalTags("aws:owner", "x")),
                broken("additionalTags", b -> b.putAdditionalTags("Name", "x")),
                broken("additionalTags", b -> b.putAdditionalTags("k".repeat(129), "x")),
                broken("additionalTags", b -> b.putAdditionalTags("", "x")),
                broken("additionalTags", b -> b.putAdditionalTags("team", "v".repeat(257))),
                broken("readyTimeout", b -> b.readyTimeout(Duration.ZERO)),
                broken("readyTimeout", b -> b.readyTimeout(Duration.ofSeconds(-1))));
    }

    private static Arguments broken(String field, UnaryOperator<ClusterSpec.Builder> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("brokenSpecs")
    void eachRuleFailsAtBuildNamingTheField(String field, UnaryOperator<ClusterSpec.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith("invalid " + field + ": ");
    }

    @Test
    void nameIsRequired() {
        assertThatThrownBy(() -> ClusterSpec.builder().build())
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void aSpecWithoutKeyPairBuilds() {
        // Stop, start and destroy need no key pair; launch refuses it later, in preflight.
        assertThat(ClusterSpec.builder().name("demo").build().keyName()).isEmpty();
    }

    @Test
    void worldOpenCidrIsAcceptedOnlyWhenGiven() {
        assertThat(valid().addAuthorizedCidrs("0.0.0.0/0").build().authorizedCidrs())
                .containsExactly("0.0.0.0/0");
    }
}
