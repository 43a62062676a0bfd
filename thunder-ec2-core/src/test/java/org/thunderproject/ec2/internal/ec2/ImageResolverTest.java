package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageResolverTest {

    @ParameterizedTest
    @CsvSource({
        "m6g.large, arm64",
        "c7g.xlarge, arm64",
        "t4g.micro, arm64",
        "r8g.2xlarge, arm64",
        "c7gn.large, arm64",
        "m7gd.medium, arm64",
        "x2gd.large, arm64",
        "im4gn.large, arm64",
        "g5g.xlarge, arm64",
        "a1.large, arm64",
        "m5.large, x86_64",
        "c5n.large, x86_64",
        "g4dn.xlarge, x86_64",
        "m7i-flex.large, x86_64",
        "x2iezn.2xlarge, x86_64",
        "t3.micro, x86_64",
        "p5.48xlarge, x86_64",
        "inf2.xlarge, x86_64"
    })
    void architectureFollowsTheInstanceFamily(String type, String architecture) {
        assertThat(ImageResolver.architecture(type)).isEqualTo(architecture);
    }

    @ParameterizedTest
    @CsvSource({"arm64", "x86_64"})
    void namePatternIsTheStandardAl2023Image(String architecture) {
        assertThat(ImageResolver.namePattern(architecture)).isEqualTo("al2023-ami-2023.*-kernel-*-" + architecture);
    }
}
