package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Local port forwarding (direct-tcpip) to a server on the node's address; nothing off loopback. */
class SshForwardingTest {

    @TempDir
    Path dir;

    private Nodes nodes;
    private InstanceHost host;
    private HttpServer web;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        host = nodes.newHost();
        nodes.startAndAwait(host);
        // A web server on the node's private address, as a notebook or the Spark UI would be.
        web = HttpServer.create(new InetSocketAddress(host.privateAddress(), 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = ("hello from " + host.instanceId()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
    }

    @AfterEach
    void tearDown() {
        if (web != null) {
            web.stop(0);
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aLocalForwardServesHttpFromTheNode() throws Exception {
        try (ClientSession session = nodes.session(host, host.publicAddress());
                ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0),
                        new SshdSocketAddress(
                                host.privateAddress(), web.getAddress().getPort()))) {
            int localPort = forward.getBoundAddress().getPort();
            for (int i = 0; i < 3; i++) { // several connections through one tunnel
                HttpURLConnection http = (HttpURLConnection)
                        new URL("http://127.0.0.1:" + localPort + "/").openConnection(Proxy.NO_PROXY);
                http.setConnectTimeout(10_000);
                http.setReadTimeout(30_000);
                assertThat(http.getResponseCode()).isEqualTo(200);
                try (InputStream in = http.getInputStream()) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("hello from " + host.instanceId());
                }
            }
        }
    }

    @Test
    void openSshStdioForwardingReachesTheNodeServer() {
        byte[] request = "GET / HTTP/1.0\r\nHost: node\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        OpenSsh.Result result = OpenSsh.ssh(
                nodes.identity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                request,
                "-W",
                host.privateAddress() + ":" + web.getAddress().getPort(),
                "");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.out()).startsWith("HTTP/1.1 200").endsWith("hello from " + host.instanceId());
    }

    @Test
    void forwardingOffLoopbackIsRefused() {
        // 0.0.0.0 would reach this machine if the filter let it through (so no packet can leave
        // loopback even if this test fails); a name is refused without any DNS lookup.
        for (String target : new String[] {"0.0.0.0:" + web.getAddress().getPort(), "example.invalid:80"}) {
            OpenSsh.Result result = OpenSsh.ssh(
                    nodes.identity,
                    nodes.knownHosts(host),
                    host.user(),
                    host.publicAddress(),
                    host.sshPort(),
                    new byte[0],
                    "-o",
                    "LogLevel=INFO",
                    "-W",
                    target,
                    "");
            assertThat(result.exitStatus()).as(target).isEqualTo(255);
            assertThat(result.stderr()).as(target).contains("administratively prohibited");
        }
    }

    @Test
    void remoteForwardingIsRefused() throws Exception {
        try (ClientSession session = nodes.session(host, host.publicAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.startRemotePortForwarding(
                            new SshdSocketAddress(host.publicAddress(), 0), new SshdSocketAddress("127.0.0.1", 9)))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
