package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.commands.LocalCloudCommand;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Opens a {@link ThunderEc2} for the global options. Kept apart so that {@code --help} never
 * loads the AWS SDK.
 */
public final class Connection {

    /** Where {@code thunder-ec2 local-cloud} listens unless told otherwise. */
    static final String LOCAL_ENDPOINT = "http://127.0.0.1:" + LocalCloudCommand.DEFAULT_PORT;

    /** spark-ec2's default region, and the region the seed's guide creates the key pair in. */
    public static final String DEFAULT_REGION = "us-east-1";

    private Connection() {}

    static ThunderEc2 open(CliContext context) {
        boolean local = context.local();
        Optional<URI> endpoint = context.endpointUrl()
                .map(Connection::parseEndpoint)
                .or(() -> local ? Optional.of(URI.create(LOCAL_ENDPOINT)) : Optional.empty());
        ThunderEc2.Builder builder = ThunderEc2.builder()
                .region(region(context, local))
                .homeDirectory(context.terminal().thunderHome());
        endpoint.ifPresent(builder::endpointOverride);
        if (local) {
            // A local cloud checks no signatures; any credentials do, and none come from the environment.
            builder.credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("thunder-local", "thunder-local")));
        } else {
            context.profile().ifPresent(p -> builder.credentialsProvider(ProfileCredentialsProvider.create(p)));
        }
        Optional<URI> loopback = endpoint.filter(Connection::isLoopback);
        // The SDK retries a refused connection for a long while; on this machine we know at once.
        loopback.ifPresent(Connection::requireListening);
        if (local || loopback.isPresent()) {
            // A cloud on this machine sees us as loopback; never look our public address up for it.
            builder.callerAddress(CallerAddress.fixed("127.0.0.1"));
            builder.pollInterval(Duration.ofMillis(200));
        }
        return builder.build();
    }

    /**
     * {@code --region}, the config file, AWS_REGION, AWS_DEFAULT_REGION, the profile's region,
     * else us-east-1. Never the instance metadata service: the CLI runs on laptops.
     */
    private static String region(CliContext context, boolean local) {
        Optional<String> given = context.region();
        if (given.isPresent()) {
            return given.get();
        }
        if (local) {
            return DEFAULT_REGION;
        }
        Terminal terminal = context.terminal();
        return terminal.env("AWS_REGION")
                .or(() -> terminal.env("AWS_DEFAULT_REGION"))
                .or(() -> profileRegion(
                        context.profile().or(() -> terminal.env("AWS_PROFILE")).orElse("default")))
                .filter(r -> !r.isBlank())
                .orElse(DEFAULT_REGION);
    }

    private static Optional<String> profileRegion(String profile) {
        try {
            return ProfileFile.defaultProfileFile().profile(profile).flatMap(p -> p.property("region"));
        } catch (RuntimeException e) {
            // A broken ~/.aws/config only costs the region default here; credentials will say more.
            return Optional.empty();
        }
    }

    static URI parseEndpoint(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new UsageException("--endpoint-url: '" + url + "' is not an http(s) URL like " + LOCAL_ENDPOINT);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url: '" + url + "' is not an http(s) URL like " + LOCAL_ENDPOINT + " ("
                    + e.getReason() + ")");
        }
    }

    private static void requireListening(URI endpoint) {
        int port = endpoint.getPort() != -1
                ? endpoint.getPort()
                : endpoint.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(endpoint.getHost().replace("[", "").replace("]", ""), port), 2000);
        } catch (IOException e) {
            throw new CommandFailure(
                    "nothing answers at " + endpoint + " (" + e.getMessage() + "): start the local cloud"
                            + " with 'thunder-ec2 local-cloud' in another terminal, or check --endpoint-url");
        }
    }

    private static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only IP literals: a name could resolve anywhere, and resolving it here is not our job.
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
