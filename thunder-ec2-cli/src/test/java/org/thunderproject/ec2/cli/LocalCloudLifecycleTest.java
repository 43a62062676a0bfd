package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The seed's walkthrough through the CLI, in this JVM, against a local cloud on an ephemeral
 * loopback port: what the CLI prints is checked against what the cloud's EC2 API reports. The
 * clusters stop short of Spark ({@code --until ssh_ready}): this is about the cluster's life in
 * EC2; {@code SeedWalkthroughIT} provisions Spark.
 */
class LocalCloudLifecycleTest {

    @TempDir
    static Path home;

    static LocalCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = LocalCloud.start();
        LocalClouds.createKeyPair(cloud, "mykey", home.resolve("mykey.pem"));
    }

    @AfterAll
    static void stopCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void seedWalkthroughLaunchStopStartDestroy() throws Exception {
        Cli cli = Cli.withHome(home);
        assertThat(Files.getPosixFilePermissions(home.resolve("mykey.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Cli.Result launch =
                cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "-s", "2", "launch", "walk", "--until", "ssh_ready"));
        assertThat(launch.exitCode()).as(launch.err()).isZero();
        List<Instance> running = LocalClouds.liveInstances(cloud, "walk");
        assertThat(running).hasSize(3).allSatisfy(i -> assertThat(i.state().name())
                .isEqualTo(InstanceStateName.RUNNING));
        String masterIp = masterOf(running).publicIpAddress();
        assertThat(launch.out())
                .isEqualTo("Cluster successfully launched!\n"
                        + "Master: " + masterIp + "\n"
                        + "Stopped after phase ssh_ready: Spark is not set up ('thunder-ec2 --local --endpoint-url "
                        + cloud.endpoint()
                        + " -k mykey -i ~/mykey.pem launch walk --resume' sets it up).\n");
        assertThat(launch.err())
                .contains("Requesting instances")
                .contains("[done] Waiting for the nodes to run (")
                .contains("[done] Waiting for the nodes to answer SSH (");
        // Piped progress is timestamped words, one line per step and node change; never a record's toString().
        assertThat(launch.err().lines())
                .allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d [^=]+"), "timestamped words");

        JsonNode json = describeJson(cli, "walk");
        assertThat(json.get("name").asText()).isEqualTo("walk");
        assertThat(json.get("state").asText()).isEqualTo("running");
        assertThat(json.get("master").get("instanceId").asText())
                .isEqualTo(masterOf(running).instanceId());
        assertThat(json.get("master").get("publicIp").asText()).isEqualTo(masterIp);
        assertThat(json.get("slaves")).hasSize(2);
        // The local cloud's public addresses are loopback: Spark's UI is where its daemons bind, the private address.
        String masterPrivateIp = masterOf(running).privateIpAddress();
        assertThat(json.get("sparkWebUi").asText()).isEqualTo("http://" + masterPrivateIp + ":8080/");
        assertThat(json.get("sparkMasterUrl").asText()).isEqualTo("spark://" + masterPrivateIp + ":7077");

        Cli.Result master = cli.run(local("get-master", "walk"));
        assertThat(master.exitCode()).isZero();
        assertThat(master.out()).isEqualTo(masterIp + "\n");
        assertThat(master.err())
                .isEqualTo("Spark master: spark://" + masterPrivateIp + ":7077\n" + "Spark web UI: http://"
                        + masterPrivateIp + ":8080/\n");

        Cli.Result list = cli.run(local("list"));
        assertThat(list.out()).containsPattern("(?m)^walk +running +3 +" + masterIp.replace(".", "\\.") + " +- +-$");

        // Stop: refused without a terminal, aborted on "n", done with -y.
        for (String command : List.of("stop", "destroy")) {
            Cli.Result refused = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", command, "walk"));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err())
                    .isEqualTo("thunder-ec2: error: refusing to " + command + " cluster 'walk' without"
                            + " confirmation: standard input is not a terminal, so nobody can answer; add --assume-yes (-y) to"
                            + " confirm in scripts\n");
            assertThat(refused.out()).isEmpty();
        }
        Cli.Result declined = Cli.withHome(home).interactive("n\n").run(local("stop", "walk"));
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err())
                .contains("1 master and 2 slaves (3 nodes)")
                .contains("/mnt and /mnt2 is lost")
                .contains("Stop cluster 'walk'? [y/N] ")
                .contains("Aborted: cluster 'walk' was not touched.");
        assertThat(states("walk")).containsOnly(InstanceStateName.RUNNING).hasSize(3);

        Cli.Result stop = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "stop", "walk", "-y"));
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.err())
                .endsWith("Cluster 'walk' stopped; 'thunder-ec2 --local --endpoint-url " + cloud.endpoint()
                        + " -k mykey -i ~/mykey.pem start walk' starts it again.\n");
        assertThat(states("walk")).containsOnly(InstanceStateName.STOPPED).hasSize(3);
        assertThat(describeJson(cli, "walk").get("state").asText()).isEqualTo("stopped");

        Cli.Result start = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "start", "walk", "--until", "ssh_ready"));
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(states("walk")).containsOnly(InstanceStateName.RUNNING).hasSize(3);
        String newMasterIp = masterOf(LocalClouds.liveInstances(cloud, "walk")).publicIpAddress();
        assertThat(newMasterIp).isNotEqualTo(masterIp);
        assertThat(start.out())
                .isEqualTo("Cluster 'walk' started.\nMaster: " + newMasterIp + "\n"
                        + "Stopped after phase ssh_ready: Spark is not set up ('thunder-ec2 --local --endpoint-url "
                        + cloud.endpoint()
                        + " -k mykey -i ~/mykey.pem launch walk --resume' sets it up).\n");
        // The nodes answer SSH again, at their new addresses, with the host keys recorded at launch.
        Cli.Result afterStart = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "run-command", "walk", "true"));
        assertThat(afterStart.exitCode()).as(afterStart.err()).isZero();

        // Destroy: aborted on "n" (the old script terminated even then), done with -y.
        Cli.Result kept = Cli.withHome(home).interactive("n\n").run(local("destroy", "walk"));
        assertThat(kept.exitCode()).isEqualTo(1);
        assertThat(kept.err()).contains("lost forever").contains("Aborted");
        assertThat(LocalClouds.liveInstances(cloud, "walk")).hasSize(3);

        Cli.Result destroy = Cli.withHome(home)
                .interactive("yes\n")
                .run(local("-k", "mykey", "-i", "~/mykey.pem", "destroy", "walk"));
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.err()).contains("Destroy cluster 'walk'? [y/N] ").contains("Cluster 'walk' destroyed.");
        assertThat(LocalClouds.liveInstances(cloud, "walk")).isEmpty();
        assertThat(LocalClouds.groups(cloud, "walk")).isEmpty();
        Cli.Result again = cli.run(local("destroy", "walk", "-y"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).isEqualTo("Nothing to destroy: there is no cluster named 'walk' in us-east-1.\n");

        Cli.Result gone = cli.run(local("describe", "walk"));
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err())
                .isEqualTo("thunder-ec2: error: no cluster named 'walk' in region us-east-1"
                        + " ('thunder-ec2 --local --endpoint-url " + cloud.endpoint()
                        + " list' shows the clusters there)\n");
    }

    @Test
    void destroyOfAMissingClusterIsNothingToDestroyTwiceInARow() {
        for (String[] args : List.of(
                local("destroy", "nosuch", "-y"), local("destroy", "nosuch", "-y"), local("destroy", "nosuch"))) {
            // The last one has no terminal and no -y: still nothing to ask about.
            Cli.Result result = Cli.withHome(home).run(args);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err())
                    .isEqualTo("Nothing to destroy: there is no cluster named 'nosuch' in us-east-1.\n");
            assertThat(result.out()).isEmpty();
        }
        Cli.Result describe = Cli.withHome(home).run(local("describe", "nosuch"));
        assertThat(describe.exitCode()).isEqualTo(1);
        Cli.Result master = Cli.withHome(home).run(local("get-master", "nosuch"));
        assertThat(master.exitCode()).isEqualTo(1);
        assertThat(master.err())
                .isEqualTo("thunder-ec2: error: no cluster named 'nosuch' in region us-east-1"
                        + " ('thunder-ec2 --local --endpoint-url " + cloud.endpoint()
                        + " list' shows the clusters there)\n");
    }

    @Test
    void stackTraceOnlyWithVerbose() {
        Cli.Result plain = Cli.withHome(home).run(local("describe", "nosuch"));
        assertThat(plain.err().lines()).hasSize(1);
        Cli.Result verbose = Cli.withHome(home).run(local("describe", "nosuch", "-v"));
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err())
                .startsWith(plain.err())
                .contains("org.thunderproject.ec2.ClusterNotFoundException")
                .contains("\tat ");
    }

    @Test
    void preflightFailureCreatesNothing() {
        Cli.Result result = Cli.withHome(home)
                .run(local("-k", "otherkey", "-i", "~/mykey.pem", "launch", "nokey", "--until", "ssh_ready"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("thunder-ec2: error: ")
                .contains("otherkey")
                .doesNotContain("--resume");
        assertThat(result.out()).isEmpty();
        assertThat(LocalClouds.groups(cloud, "nokey")).isEmpty();
        assertThat(LocalClouds.liveInstances(cloud, "nokey")).isEmpty();
    }

    @Test
    void withoutASparkRuntimeTheLocalCloudCannotProvision() {
        // This cloud serves no Spark runtime and the nodes reach loopback only: no launch that would fail later.
        Cli.Result result = Cli.withHome(home).run(local("-k", "mykey", "-i", "~/mykey.pem", "launch", "nospark"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("thunder-ec2: error: the local cloud at " + cloud.endpoint() + " serves no"
                        + " Spark runtime, so its nodes cannot install Spark: run 'thunder-ec2 local-cloud' in the source tree after"
                        + " 'mvn package' (or with --spark-runtime FILE), give --spark-url, or stop before Spark with --until ssh_ready\n"
                        + "Try 'thunder-ec2 launch --help' for more information.\n");
        assertThat(LocalClouds.groups(cloud, "nospark")).isEmpty();
    }

    @Test
    void nothingListeningIsSaidAtOnce() {
        Cli.Result result = Cli.withHome(home).run("list", "--local", "--endpoint-url", "http://127.0.0.1:1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("thunder-ec2: error: nothing answers at http://127.0.0.1:1")
                .contains("thunder-ec2 local-cloud");
    }

    @Test
    void resumeCompletesALaunchThatFailed() {
        Cli cli = Cli.withHome(home);
        // No capacity anywhere for the slaves' type: the launch fails after creating the groups.
        for (String zone : new String[] {"us-east-1a", "us-east-1b", "us-east-1c"}) {
            cloud.faults().insufficientCapacity("c5.large", zone);
        }
        try {
            Cli.Result failed = cli.run(local(
                    "-k", "mykey", "-i", "~/mykey.pem", "-t", "c5.large", "launch", "half", "--until", "ssh_ready"));
            assertThat(failed.exitCode()).isEqualTo(1);
            String options = "--local --endpoint-url " + cloud.endpoint() + " -k mykey -i ~/mykey.pem";
            assertThat(failed.err())
                    .contains("-- the cluster may be half-launched: 'thunder-ec2 " + options
                            + " launch half --resume' completes it, 'thunder-ec2 " + options
                            + " destroy half' removes it\n");
        } finally {
            cloud.faults().clear();
        }
        Cli.Result resumed = cli.run(local(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "-t",
                "c5.large",
                "launch",
                "half",
                "--resume",
                "--until",
                "ssh_ready"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).startsWith("Cluster successfully launched!\n");
        assertThat(states("half")).containsOnly(InstanceStateName.RUNNING).hasSize(2);

        Cli.Result destroy = cli.run(local("destroy", "half", "--assume-yes"));
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(LocalClouds.liveInstances(cloud, "half")).isEmpty();
    }

    @Test
    void describeEverythingAsJsonArray() throws Exception {
        Cli cli = Cli.withHome(home);
        assertThat(cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "launch", "arr", "--until", "infrastructure"))
                        .exitCode())
                .isZero();
        try {
            Cli.Result all = cli.run(local("describe", "--json"));
            assertThat(all.exitCode()).isZero();
            JsonNode array = new ObjectMapper().readTree(all.out());
            assertThat(array.isArray()).isTrue();
            List<String> names = new ArrayList<>();
            array.forEach(c -> names.add(c.get("name").asText()));
            assertThat(names).contains("arr");
        } finally {
            Cli.Result destroy = cli.run(local("destroy", "arr", "-y", "-q"));
            assertThat(destroy.exitCode()).isZero();
            // Quiet and asked nothing: no summary, no progress, only the result.
            assertThat(destroy.err()).isEqualTo("Cluster 'arr' destroyed.\n");
        }
    }

    /** {@code args} plus the options that point the CLI at this test's cloud. */
    static String[] local(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--local", "--endpoint-url", cloud.endpoint().toString()));
        return all.toArray(new String[0]);
    }

    private static JsonNode describeJson(Cli cli, String name) throws Exception {
        Cli.Result result = cli.run(local("describe", name, "--json"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return new ObjectMapper().readTree(result.out());
    }

    private static List<InstanceStateName> states(String cluster) {
        return LocalClouds.liveInstances(cloud, cluster).stream()
                .map(i -> i.state().name())
                .toList();
    }

    private static Instance masterOf(List<Instance> instances) {
        return instances.stream()
                .filter(i -> i.tags().stream()
                        .anyMatch(
                                t -> t.key().equals("thunder:role") && t.value().equals("master")))
                .findFirst()
                .orElseThrow();
    }
}
