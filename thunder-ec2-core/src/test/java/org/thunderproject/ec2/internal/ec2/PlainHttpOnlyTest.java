package org.thunderproject.ec2.internal.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.apache.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

/** A client of a plain http endpoint makes no TLS connection, and says so if asked for one. */
class PlainHttpOnlyTest {

    private static final URI LOCAL = URI.create("http://127.0.0.1:4566");

    @Test
    void onlyPlainHttpEndpointsGoWithoutTls() {
        assertThat(PlainHttpOnly.isPlainHttp(LOCAL)).isTrue();
        assertThat(PlainHttpOnly.isPlainHttp(URI.create("HTTP://localhost:4566")))
                .isTrue();
        assertThat(PlainHttpOnly.isPlainHttp(URI.create("https://ec2.us-east-1.amazonaws.com")))
                .isFalse();
        assertThat(PlainHttpOnly.isPlainHttp(URI.create("https://127.0.0.1:4566")))
                .isFalse();
    }

    @Test
    void anHttpsConnectionIsRefusedNotMadeWithOtherTrustSettings() {
        PlainHttpOnly factory = new PlainHttpOnly(LOCAL);
        assertThatThrownBy(() -> factory.createSocket(new BasicHttpContext()))
                .isInstanceOf(SSLException.class)
                .hasMessage("no TLS connections from the client of the plain http endpoint " + LOCAL);
        assertThatThrownBy(() -> factory.connectSocket(
                        1000,
                        null,
                        new HttpHost("127.0.0.1", 4566, "https"),
                        new InetSocketAddress("127.0.0.1", 4566),
                        null,
                        new BasicHttpContext()))
                .isInstanceOf(SSLException.class);
    }
}
