package org.thunderproject.ec2.localcloud.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The plain AWS SDK clients a local cloud hands out: bound to its endpoint with dummy static
 * credentials, and tracked so that the cloud closes them when it closes.
 */
public final class SdkClients implements AutoCloseable {

    /** The access key id and secret of every client: dummies, the cloud checks no signatures. */
    public static final String DUMMY_KEY = "localcloud";

    private static final AwsCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY_KEY, DUMMY_KEY));

    private final URI endpoint;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private boolean closed;

    /** Clients of the cloud at {@code endpoint}. */
    public SdkClients(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A new tracked client in {@code regionName}; {@link IllegalStateException} once closed. */
    public Ec2Client ec2Client(String regionName) {
        Objects.requireNonNull(regionName, "regionName");
        Ec2Client client = Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(regionName))
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        synchronized (clients) {
            if (closed) {
                LocalCloudParts.closeQuietly(client);
                throw new IllegalStateException("The local cloud is closed");
            }
            clients.add(client);
        }
        return client;
    }

    /**
     * Creates key pair {@code name} with {@code ec2} (CreateKeyPair, RSA) and writes its private key
     * to {@code file}, created 0600 from the start so it is never readable by others.
     */
    public static Path createKeyPair(Ec2Client ec2, String name, Path file) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        String material = ec2.createKeyPair(r -> r.keyName(name)).keyMaterial();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, material.endsWith("\n") ? material : material + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private key of key pair '" + name + "' to " + file, e);
        }
        return file;
    }

    /** Closes every client made here; later {@link #ec2Client} calls fail. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (clients) {
            closed = true;
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        toClose.forEach(LocalCloudParts::closeQuietly);
    }
}
