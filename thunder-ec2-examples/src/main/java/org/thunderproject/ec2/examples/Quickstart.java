package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * README command (1): the seed's whole walkthrough on the local cloud, with no AWS account —
 * launch a 2-slave cluster with real Spark (the build's runtime, which every node downloads from
 * the local cloud over loopback HTTP), run a Spark job on it, open the notebook through an SSH
 * tunnel and print its URL, run a command on every node and print what each one says, stop it,
 * start it (new addresses, same pinned host keys, Spark back, the command again), destroy it, and
 * show that nothing is left. Everything runs on this machine's loopback addresses.
 */
public final class Quickstart {
    /** What every node is asked: who and where it is. */
    private static final String COMMAND = "echo \"$USER in $HOME, $(uname -sr)\"";
    /** The one line said instead of the notebook on a machine without Jupyter. */
    static final String NOTEBOOK_SKIPPED = "notebook skipped: Jupyter is not installed here; install jupyter-notebook"
            + " (apt) or 'pip install notebook', then run again";

    private Quickstart() {}

    /** Runs the walkthrough; takes no arguments. */
    public static void main(String[] args) throws IOException {
        Instant begin = Instant.now();
        Path runtime = LocalCloud.builtSparkRuntime()
                .orElseThrow(() -> new IllegalStateException(
                        "no Spark runtime to install: build it first (mvn -B -q -DskipTests install makes"
                                + " thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz), or name one with -D"
                                + LocalCloud.SPARK_RUNTIME_PROPERTY + "=FILE"));
        Path work = Files.createTempDirectory("thunder-quickstart");
        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
                ThunderEc2 thunder = ThunderEc2.builder()
                        .localCloud(cloud.endpoint(), cloud.region())
                        .build()) {
            say("Local cloud serving EC2 at " + cloud.endpoint() + " (region " + cloud.region() + "), and Spark at "
                    + cloud.sparkDownloadUrl().orElseThrow());

            // The seed's "Create your key pair" step: the cloud makes it, we keep the private key 0600.
            Path keyFile = cloud.createKeyPair("mykey", work.resolve("mykey.pem"));

            ClusterSpec spec = ClusterSpec.builder()
                    .name("quickstart")
                    .keyPair("mykey", keyFile)
                    .slaves(2)
                    .sshPort(cloud.sshPort())
                    // Nodes install the local cloud's Spark (on EC2 the default is Apache's tarball), with
                    // small workers, and no pip packages: nothing leaves this machine.
                    .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
                    .sparkWorkerMemory("512m")
                    .pythonPackages(List.of())
                    .build();
            Cluster cluster = thunder.cluster(spec).addListener(Quickstart::show);

            say("== thunder-ec2 -k mykey -i " + keyFile + " -s 2 launch quickstart");
            print(cluster.launch());
            say("Spark master " + cluster.masterUrl() + ", web UI " + cluster.webUiUrl());

            say("== a Spark job, its driver on the master: count the primes below 2,000,000");
            say(SparkJobOnMaster.run(cluster, 2_000_000, 2));

            say("== thunder-ec2 -k mykey -i " + keyFile + " notebook quickstart --ssh-tunnel");
            // The local cloud's nodes share this machine's loopback: a free port keeps the notebook
            // clear of anything else on 8888 (on EC2, onLocalPort(8888) alone is the seed's setup).
            try (Notebook notebook =
                    cluster.openNotebook(SshTunnelNotebook.onLocalPort(0).remotePort(freePort()))) {
                say("Notebook (through an SSH tunnel): " + notebook.url());
                say("  its API answers: " + fetch(notebook.url().resolve("/api")));
            } catch (ServiceException e) {
                // The local cloud's nodes use this machine's Python: without Jupyter here, the rest still runs.
                if (!String.valueOf(e.getMessage()).contains("Jupyter is not installed")) {
                    throw e;
                }
                say(NOTEBOOK_SKIPPED);
            }

            say("== on every node, over SSH: " + COMMAND);
            printOutputs(cluster.run(COMMAND));
            say("Log in to the master with: " + cluster.sshCommand());

            say("== thunder-ec2 -k mykey -i " + keyFile + " stop quickstart");
            print(cluster.stop());

            say("== thunder-ec2 -k mykey -i " + keyFile + " start quickstart   (addresses change)");
            print(cluster.start());
            say("Spark is back: " + cluster.masterUrl() + " with every worker ALIVE");
            say("== on every node again (new addresses, the host keys recorded at launch still verify): " + COMMAND);
            printOutputs(cluster.run(COMMAND));

            say("== thunder-ec2 -k mykey -i " + keyFile + " destroy quickstart");
            cluster.destroy();
            say("Left of 'quickstart': "
                    + thunder.find("quickstart").map(d -> d.state().toString()).orElse("nothing")
                    + "; clusters in the region: " + thunder.list().size());
        } finally {
            deleteQuietly(work);
        }
        say("Done in " + Duration.between(begin, Instant.now()).toMillis() + " ms.");
    }

    /** A GET through the tunnel, as a browser would do it. */
    private static String fetch(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode() + " " + response.body().strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void show(ClusterEvent event) {
        // Node state changes are summarised by the description printed after each step.
        if (event instanceof ClusterEvent.StepStarted e) {
            say("  > " + e.step() + ": " + e.detail());
        } else if (event instanceof ClusterEvent.StepFinished e) {
            say("  < " + e.step() + " done in " + e.took().toMillis() + " ms");
        } else if (event instanceof ClusterEvent.Waiting e) {
            say("  … " + e.reason());
        } else if (event instanceof ClusterEvent.Warning e) {
            say("  ! " + e.message());
        }
    }

    private static void print(ClusterDescription description) {
        say("Cluster '" + description.name() + "' is " + description.state());
        for (Node node : description.nodes()) {
            say(String.format(
                    "  %-6s %-20s %-8s %-12s public %-15s private %s",
                    node.role(),
                    node.instanceId(),
                    node.state(),
                    node.instanceType(),
                    node.publicIp().orElse("-"),
                    node.privateIp().orElse("-")));
        }
    }

    private static void printOutputs(List<CommandResult> results) {
        for (CommandResult r : results) {
            say(String.format(
                    "  %-6s %-20s exit %d: %s",
                    r.node().role(), r.node().instanceId(), r.exitStatus(), (r.stdout() + r.stderr()).strip()));
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
