package org.thunderproject.ec2.lifecycle;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.Faults;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Any EC2-compatible endpoint (moto, LocalStack, a standalone local cloud, …). Region, credentials
 * and an optional AMI come from system properties {@code thunder.ec2.region} (us-east-1),
 * {@code thunder.ec2.accessKey}/{@code thunder.ec2.secretKey} (test/test) and {@code thunder.ec2.ami}.
 */
final class EndpointTarget implements Ec2Target {
    private final ThunderEc2 thunder;
    private final Ec2Client ec2;
    private final Optional<String> ami;

    EndpointTarget(
            URI endpoint,
            String region,
            String accessKey,
            String secretKey,
            Optional<String> ami,
            Duration pollInterval) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        this.thunder = ThunderEc2.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .callerAddress(CallerAddress.fixed("127.0.0.1"))
                .pollInterval(pollInterval)
                .build();
        this.ec2 = Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.ami = ami.or(() -> anyImage(ec2));
    }

    static EndpointTarget fromSystemProperties(String endpoint) {
        return new EndpointTarget(
                URI.create(endpoint),
                System.getProperty("thunder.ec2.region", "us-east-1"),
                System.getProperty("thunder.ec2.accessKey", "test"),
                System.getProperty("thunder.ec2.secretKey", "test"),
                Optional.ofNullable(System.getProperty("thunder.ec2.ami")).filter(s -> !s.isBlank()),
                Duration.ofMillis(200));
    }

    /** Endpoints other than EC2 and the local cloud may lack Amazon Linux 2023: use an image they have. */
    private static Optional<String> anyImage(Ec2Client ec2) {
        boolean hasAl2023 = !ec2.describeImages(
                        r -> r.owners("amazon").filters(f -> f.name("name").values("al2023-ami-2023.*")))
                .images()
                .isEmpty();
        if (hasAl2023) {
            return Optional.empty();
        }
        return ec2.describeImages().images().stream()
                .map(i -> i.imageId())
                .filter(id -> id.matches("ami-[0-9a-f]{8,17}"))
                .findFirst();
    }

    @Override
    public ThunderEc2 thunder() {
        return thunder;
    }

    @Override
    public Ec2Client ec2() {
        return ec2;
    }

    @Override
    public Optional<Faults> faults() {
        return Optional.empty();
    }

    @Override
    public boolean changesAddressesOnRestart() {
        return false;
    }

    @Override
    public ClusterSpec.Builder adapt(ClusterSpec.Builder spec) {
        ami.ifPresent(spec::ami);
        return spec;
    }

    @Override
    public void close() {
        thunder.close();
        ec2.close();
    }
}
