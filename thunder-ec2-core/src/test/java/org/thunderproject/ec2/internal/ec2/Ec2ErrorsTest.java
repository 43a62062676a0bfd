package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.InsufficientCapacityException;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2Exception;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Retry classification and translation of the SDK's own exception types (no mocks needed). */
class Ec2ErrorsTest {

    private static AwsServiceException ec2Error(int status, String code) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("message of " + code)
                        .build())
                .build();
    }

    @Test
    void throttlingAndTransientServerErrorsAreRetriedCapacityAndClientErrorsNot() {
        assertThat(Ec2Errors.isRetryable(ec2Error(503, "RequestLimitExceeded"))).isTrue();
        assertThat(Ec2Errors.isThrottling(ec2Error(503, "RequestLimitExceeded")))
                .isTrue();
        assertThat(Ec2Errors.isRetryable(ec2Error(500, "InternalError"))).isTrue();
        assertThat(Ec2Errors.isRetryable(ec2Error(503, "Unavailable"))).isTrue();
        assertThat(Ec2Errors.isRetryable(ec2Error(502, "whatever"))).isTrue();
        assertThat(Ec2Errors.isRetryable(ec2Error(500, "InsufficientInstanceCapacity")))
                .isFalse();
        assertThat(Ec2Errors.isRetryable(ec2Error(400, "InvalidKeyPair.NotFound")))
                .isFalse();
        assertThat(Ec2Errors.isRetryable(SdkClientException.create("reset", new java.net.SocketException("reset"))))
                .isTrue();
        assertThat(Ec2Errors.isRetryable(AbortedException.create("interrupted")))
                .isFalse();
    }

    @Test
    void translationKeepsEc2sCodeAndNamesTheAction() {
        ThunderEc2Exception e = Ec2Errors.translate("DeleteSecurityGroup", ec2Error(400, "DependencyViolation"));

        assertThat(e)
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("DeleteSecurityGroup")
                .hasMessageContaining("DependencyViolation");
        assertThat(((CloudException) e).errorCode()).contains("DependencyViolation");
        assertThat(Ec2Errors.translate("RunInstances", ec2Error(500, "InsufficientInstanceCapacity")))
                .isInstanceOf(InsufficientCapacityException.class);
    }

    @Test
    void anAbortedCallBecomesAnInterruptionAndKeepsTheInterruptStatus() {
        try {
            assertThat(Ec2Errors.translate("DescribeInstances", AbortedException.create("interrupted")))
                    .isInstanceOf(OperationInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
