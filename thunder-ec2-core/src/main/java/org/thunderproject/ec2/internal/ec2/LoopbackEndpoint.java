package org.thunderproject.ec2.internal.ec2;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;

/** Checks that an endpoint is a local cloud on this machine's loopback, for {@code ThunderEc2.Builder.localCloud}. */
public final class LoopbackEndpoint {

    private LoopbackEndpoint() {}

    /**
     * {@code endpoint} when it is an {@code http(s)://} URL whose host is a loopback IP literal
     * ({@code 127.0.0.0/8}, {@code ::1}) or {@code localhost}; else an {@link IllegalArgumentException}
     * saying what to call instead. No DNS lookup.
     */
    public static URI require(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        String host = endpoint.getHost();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || host == null || !isLoopback(host)) {
            throw new IllegalArgumentException(
                    "localCloud(endpoint, region) takes a local cloud on this machine's loopback,"
                            + " such as http://127.0.0.1:4566 (LocalCloud.endpoint()), not " + endpoint
                            + ": for any other EC2-compatible endpoint use endpointOverride(endpoint) with credentialsProvider(...)");
        }
        return endpoint;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!InetAddresses.isInetAddress(literal)) {
            return false;
        }
        InetAddress address = InetAddresses.forString(literal);
        return address.isLoopbackAddress();
    }
}
