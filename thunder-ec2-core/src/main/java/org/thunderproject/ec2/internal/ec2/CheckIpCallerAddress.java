package org.thunderproject.ec2.internal.ec2;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.ThunderEc2Exception;

/**
 * The default {@link CallerAddress}: asks {@code https://checkip.amazonaws.com}, which answers with
 * the address AWS sees the caller at. One short HTTPS request, no threads left behind.
 */
public final class CheckIpCallerAddress implements CallerAddress {
    private static final URI SERVICE = URI.create("https://checkip.amazonaws.com/");
    private static final int TIMEOUT_MILLIS = 10_000;

    @Override
    public InetAddress resolve() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) SERVICE.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new ThunderEc2Exception(SERVICE + " answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                String body = new String(in.readNBytes(256), StandardCharsets.US_ASCII).trim();
                if (!InetAddresses.isInetAddress(body)) {
                    throw new ThunderEc2Exception(SERVICE + " answered something that is not an address");
                }
                return InetAddresses.forString(body);
            }
        } catch (IOException e) {
            throw new ThunderEc2Exception(
                    "could not ask " + SERVICE + " for your public address: " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    @Override
    public String toString() {
        return "CallerAddress(" + SERVICE + ")";
    }
}
