package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.junit.LocalThunderCluster;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Autostop with real Spark (a 1 + 1 cluster on the local cloud, its Spark Connect server idle): a
 * running application keeps the cluster up past its idle time with no SSH session open, and once
 * the application ends the cluster stops itself. The driver runs on the master detached from any
 * session (as after {@code nohup} and a logout): {@code submit} holds its SSH session for as long
 * as the driver runs, which alone keeps the master busy, so it could not show Spark's criterion.
 */
@LocalThunderCluster(slaves = 1)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class AutostopWithSparkTest {
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String REMOTE_JAR = "thunder-jobs/waiting-app.jar";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void allowShortAutostop() {
        System.setProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY, "PT1S");
    }

    @AfterAll
    static void restoreMinimum() {
        System.clearProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY);
    }

    @Test
    void aRunningApplicationKeepsTheClusterUpAndItStopsWhenTheApplicationEnds(
            Cluster cluster, LocalCloud cloud, Ec2Client ec2) throws Exception {
        Node master = cluster.master();
        String slave = cluster.slaves().get(0).instanceId();
        Path home = cloud.dataDirectory()
                .resolve("instances")
                .resolve(master.instanceId())
                .resolve("home");
        Path agent = home.resolve(".thunder-ec2/autostop");
        Path release = home.resolve("release-app");
        try (JobJar jar = JobJar.of(WaitingSparkApp.class)) {
            cluster.copy(jar.path(), REMOTE_JAR, NodeSelector.MASTER);
        }
        String address = master.privateIp().orElseThrow();
        CommandResult started = cluster.run(
                        "nohup java -Xmx512m " + SparkJobOnMaster.javaOptions() + " -cp \"" + REMOTE_JAR
                                + ":$HOME/spark/jars/*\" " + WaitingSparkApp.class.getName() + " "
                                + cluster.masterUrl() + " " + address + " " + release
                                + " > waiting-app.log 2>&1 < /dev/null &",
                        NodeSelector.MASTER)
                .get(0);
        assertThat(started.exitStatus()).as(started.stderr()).isZero();
        Poll.until(
                "the application listed active by the Spark master",
                Duration.ofMinutes(2),
                () -> Optional.of(activeApps(cluster.webUiUrl())).filter(a -> a.contains(WaitingSparkApp.NAME)),
                () -> activeApps(cluster.webUiUrl()) + "\napp log: " + read(home.resolve("waiting-app.log")));

        cluster.autostop(Optional.of(IDLE));
        long deadline = Instant.now().plus(IDLE).plusSeconds(1).getEpochSecond();
        Poll.until(
                "the master agent busy because of the application past " + deadline,
                Duration.ofMinutes(1),
                () -> Optional.of(read(agent.resolve("state")) + " " + read(agent.resolve("idle-since")))
                        .filter(s -> s.matches("busy \\(spark application\\) \\d+")
                                && Long.parseLong(s.substring(25)) >= deadline),
                () -> read(agent.resolve("state")) + " " + read(agent.resolve("idle-since")));
        assertThat(state(ec2, master.instanceId())).isEqualTo("running");
        assertThat(state(ec2, slave)).isEqualTo("running");

        Files.writeString(release, "");
        for (String id : List.of(master.instanceId(), slave)) {
            Instance stopped = Poll.until(
                    id + " stopped by itself",
                    Duration.ofMinutes(2),
                    () -> Optional.of(describe(ec2, id))
                            .filter(i -> i.state().nameAsString().equals("stopped")),
                    () -> state(ec2, id) + ", agent: " + read(agent.resolve("state")) + "\n"
                            + read(agent.resolve("agent.log")));
            assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
    }

    /** The {@code activeapps} part of the master's {@code /json/}, or what went wrong asking. */
    private String activeApps(URI webUi) {
        try {
            String json = http.send(
                            HttpRequest.newBuilder(webUi.resolve("/json/"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            int from = json.indexOf("\"activeapps\"");
            int to = json.indexOf("\"completedapps\"");
            return from >= 0 && to > from ? json.substring(from, to) : json;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String state(Ec2Client ec2, String id) {
        return describe(ec2, id).state().nameAsString();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }
}
