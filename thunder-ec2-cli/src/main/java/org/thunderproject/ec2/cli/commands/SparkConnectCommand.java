package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.UsageException;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark-connect NAME [--local-port P]}: holds an SSH tunnel to the master's Spark Connect
 * server until Ctrl-C, and prints its {@code sc://} URL and how to use it from Java.
 */
@Command(
        name = "spark-connect",
        description = {
            "Open an SSH tunnel to the master's Spark Connect server until Ctrl-C.",
            "",
            "Prints the URL (sc://localhost:PORT) for a Spark Connect client, such",
            "as SparkSession.builder().remote(URL) with",
            "org.apache.spark:spark-connect-client-jvm_2.13, or pyspark's",
            "SparkSession.builder.remote(URL). The server listens on the master's loopback",
            "only (no port is opened) and keeps running after the tunnel closes."
        },
        footer = {
            "",
            "Examples:",
            "  thunder-ec2 -k mykey -i ~/mykey.pem spark-connect mycluster",
            "  thunder-ec2 -k mykey -i ~/mykey.pem spark-connect mycluster --local-port 15002"
        })
public final class SparkConnectCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Option(
            names = "--local-port",
            paramLabel = "PORT",
            description = "The tunnel's port on this machine (default: 0, any free one).")
    int localPort;

    @Option(
            names = "--remote-port",
            paramLabel = "PORT",
            description = "The server's port on the master's loopback, as launched with --spark-connect-port"
                    + " (default: " + SparkConnect.DEFAULT_REMOTE_PORT + ").")
    Integer remotePort;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    /** The spec of the cluster; checks the key file and the ports, touches no cloud. */
    ClusterSpec spec() {
        if (localPort < 0 || localPort > 65535) {
            throw new UsageException("--local-port: " + localPort + " is not a port (0 to 65535; 0 for any free one)");
        }
        if (remotePort != null && (remotePort < 1 || remotePort > 65535)) {
            throw new UsageException("--remote-port: " + remotePort + " is not a port (1 to 65535)");
        }
        ClusterSpec spec = IdentityFiles.require(target.context().spec(target.name(), keys, null), "spark-connect");
        return remotePort == null
                ? spec
                : ClusterSpec.builder().from(spec).sparkConnectPort(remotePort).build();
    }

    /** The two lines a Java program (or JShell) needs to use {@code url}. */
    static String javaSnippet(String url) {
        return "var spark = org.apache.spark.sql.SparkSession.builder().remote(\"" + url + "\").getOrCreate();\n"
                + "spark.range(1000).groupBy(org.apache.spark.sql.functions.col(\"id\").mod(10)).count().show();";
    }

    @Override
    public Integer call() {
        CliContext context = target.context();
        ClusterSpec spec = spec();
        Terminal terminal = context.terminal();
        PrintWriter out = terminal.out();
        PrintWriter info = context.quiet() ? new PrintWriter(Writer.nullWriter()) : terminal.err();
        try (ThunderEc2 thunder = context.connect()) {
            Clusters.existing(thunder, target.name());
            Cluster cluster = thunder.cluster(spec).addListener(ProgressView.warningsOnly(terminal));
            try (SparkConnect connect = cluster.sparkConnect(localPort)) {
                out.println("Spark Connect of cluster '" + target.name() + "' at " + connect.url());
                out.flush();
                info.println("From Java (with org.apache.spark:spark-connect-client-jvm_2.13 on the class path):");
                info.println(javaSnippet(connect.url()).indent(2).stripTrailing());
                info.println(
                        "The SSH tunnel stays open until you press Ctrl-C; the server keeps running on the master.");
                info.flush();
                awaitInterruptOrClosed(connect);
                throw new CommandFailure(
                        "the SSH tunnel to Spark Connect of cluster '" + target.name() + "' closed (the connection"
                                + " to the master was lost?): run the same command again to reopen it");
            } catch (InterruptedException e) {
                info.println("Tunnel closed; Spark Connect keeps running on the master.");
                info.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** Returns when the tunnel closed by itself; throws when Ctrl-C interrupted this thread. */
    private static void awaitInterruptOrClosed(SparkConnect connect) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        while (connect.isOpen()) {
            // Ctrl-C interrupts this thread (see ThunderEc2Command.main); between polls, check the tunnel.
            never.await(1, TimeUnit.SECONDS);
        }
    }
}
