package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * The seed's two ways to reach the notebook on the master, as two API calls, on a cluster of the
 * local cloud: over SSL (HTTPS on the master's address, a password, port 8888 opened to the
 * caller only), then through an SSH tunnel (the master's loopback, reached from a local port;
 * nothing opened). Switching is one call; {@code closeNotebook()} removes the server.
 *
 * <p>Takes no arguments. Needs the Spark runtime the build makes ({@code mvn package}) and, on this
 * machine, Jupyter Notebook (Debian's {@code jupyter-notebook} package), which the local cloud's
 * nodes use.
 */
public final class NotebookExamples {

    private NotebookExamples() {}

    /** The SSL way: prints the URL and the generated password, which the user needs once. */
    static Notebook openOverSsl(Cluster cluster, PrintStream out) {
        Notebook notebook = cluster.openNotebook(SslNotebook.withGeneratedPassword());
        out.println("SSL notebook: " + notebook.url() + " (password "
                + notebook.generatedPassword().orElseThrow()
                + "; the certificate is self-signed, so the browser warns)");
        return notebook;
    }

    /**
     * The tunnel way: a free local port forwarded to the notebook on the master's loopback port
     * {@code remotePort}; asks the notebook's API through the tunnel and prints the answer.
     */
    static URI openThroughTunnel(Cluster cluster, int remotePort, PrintStream out) {
        try (Notebook notebook =
                cluster.openNotebook(SshTunnelNotebook.onLocalPort(0).remotePort(remotePort))) {
            URI url = notebook.url();
            URI api = url.resolve("/api");
            // The URL carries the notebook's access token: it is for the user's browser, not for logs.
            out.println("Tunnel notebook: " + url + " (open while this example runs)");
            out.println("Through the tunnel, " + api + " answers: " + get(api));
            return url;
        }
    }

    /** Launches a cluster with Spark and Jupyter on a new local cloud, opens the notebook both ways, destroys it. */
    static void run(PrintStream out) {
        Path runtime = LocalCloud.builtSparkRuntime()
                .orElseThrow(() -> new IllegalStateException(
                        "no Spark runtime tarball: build it first with mvn -B -q -DskipTests install"));
        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .localCloud(cloud.endpoint(), cloud.region())
                        .build()) {
            ClusterSpec spec = ClusterSpec.builder()
                    .name("notebooks")
                    .keyPair(
                            "mykey",
                            cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem")))
                    .slaves(1)
                    .sshPort(cloud.sshPort())
                    .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m")
                    .sparkConnectPort(FreePort.onLoopback()) // nodes share this machine's 127.0.0.1
                    .pythonPackages(List.of())
                    .build();
            Cluster cluster = thunder.cluster(spec);
            try {
                cluster.launch();
                openOverSsl(cluster, out);
                // The local cloud's masters share this machine's loopback: pick a free port there instead of 8888.
                openThroughTunnel(cluster, freeLoopbackPort(), out);
                cluster.closeNotebook();
                out.println("Notebook closed: server stopped, configuration and port 8888 rule removed.");
            } finally {
                cluster.destroy();
                out.println("Cluster '" + spec.name() + "' destroyed.");
            }
        }
    }

    private static String get(URI uri) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the example; takes no arguments. */
    public static void main(String[] args) {
        run(System.out);
    }
}
