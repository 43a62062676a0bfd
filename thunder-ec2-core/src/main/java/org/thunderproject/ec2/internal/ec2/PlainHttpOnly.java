package org.thunderproject.ec2.internal.ec2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The https socket factory of a client whose endpoint is plain http (a local cloud): such a client
 * makes no TLS connection, so it need not build the JVM's TLS context, which reads and parses the
 * whole trust store (a tenth of a second of a command's start). Should an https connection be asked
 * for anyway, it fails rather than going out with other trust settings.
 */
final class PlainHttpOnly implements ConnectionSocketFactory {

    private final URI endpoint;

    PlainHttpOnly(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Whether {@code endpoint} is plain http, so that a client for it needs no TLS. */
    static boolean isPlainHttp(URI endpoint) {
        return "http".equalsIgnoreCase(endpoint.getScheme());
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        throw refused();
    }

    @Override
    public Socket connectSocket(
            int connectTimeout,
            Socket socket,
            HttpHost host,
            InetSocketAddress remoteAddress,
            InetSocketAddress localAddress,
            HttpContext context)
            throws IOException {
        throw refused();
    }

    private SSLException refused() {
        return new SSLException("no TLS connections from the client of the plain http endpoint " + endpoint);
    }
}
