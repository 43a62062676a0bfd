package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.error;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The wire protocol: EC2 XML for everything, errors included, and regions from the signature. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
@ExtendWith(LocalCloudExtension.class)
class ProtocolTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(LocalCloud cloud, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void responsesAreEc2Xml(LocalCloud cloud) throws Exception {
        HttpResponse<String> response =
                post(cloud, "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=us-east-1b");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(response.body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains(
                        "<DescribeAvailabilityZonesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>")
                .contains("<availabilityZoneInfo><item>", "<zoneName>us-east-1b</zoneName>")
                .doesNotContain("us-east-1a");
    }

    @Test
    void unknownActionsAndBrokenRequestsAreEc2Errors(LocalCloud cloud) throws Exception {
        HttpResponse<String> unknown = post(cloud, "Action=LaunchRocket&Version=2016-11-15");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .contains(
                        "<Response><Errors><Error><Code>InvalidAction</Code><Message>",
                        "LaunchRocket",
                        "</Errors><RequestID>");

        assertThat(post(cloud, "Version=2016-11-15").body()).contains("<Code>MissingAction</Code>");
        assertThat(post(cloud, "Action=DescribeRegions&Filter.1.Name=%zz").body())
                .contains("<Code>MalformedQueryString</Code>");
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(cloud.endpoint().resolve("/index.html"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).startsWith("<?xml").doesNotContain("<html");
        HttpResponse<String> huge = post(cloud, "Action=DescribeRegions&Junk=" + "x".repeat(2 << 20));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("<Code>RequestEntityTooLarge</Code>");
        // A required parameter missing.
        assertThat(post(cloud, "Action=CreateSecurityGroup&GroupName=x").body())
                .contains("<Code>MissingParameter</Code>");
    }

    @Test
    void dryRunsAnswerDryRunOperation(Ec2Client ec2) {
        Ec2Exception e = error(() -> ec2.describeInstances(r -> r.dryRun(true)));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(e.statusCode()).isEqualTo(412);
    }

    @Test
    void eachRegionHasItsOwnResources(LocalCloud cloud, Ec2Client ec2) {
        try (Ec2Client europe = cloud.ec2Client("eu-west-1")) {
            String europeGroup = europe.createSecurityGroup(
                            r -> r.groupName("regional").description("x"))
                    .groupId();
            assertThat(errorCode(() -> ec2.describeSecurityGroups(r -> r.groupIds(europeGroup))))
                    .isEqualTo("InvalidGroup.NotFound");
            assertThat(europe.describeSecurityGroups(r -> r.groupNames("regional"))
                            .securityGroups())
                    .hasSize(1);
            String usGroup = ec2.createSecurityGroup(
                            r -> r.groupName("regional").description("x"))
                    .groupId();
            assertThat(usGroup).isNotEqualTo(europeGroup);
        }
    }

    @Test
    void unknownRegionsAreRefused(LocalCloud cloud) {
        try (Ec2Client mars = Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.of("mars-north-1"))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build()) {
            Ec2Exception e = error(mars::describeRegions);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
            assertThat(e.awsErrorDetails().errorMessage()).contains("mars-north-1", "us-east-1");
        }
    }

    @Test
    void unsignedRequestsUseTheDefaultRegion(LocalCloud cloud) {
        try (Ec2Client anonymous = Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build()) {
            assertThat(anonymous
                            .describeAvailabilityZones()
                            .availabilityZones()
                            .get(0)
                            .regionName())
                    .isEqualTo(cloud.region());
        }
    }
}
