package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * The commands that work on the nodes over SSH (login, run-command, copy-file) and the ones that
 * resize a cluster (add-slaves, remove-slaves), in this JVM, on one cluster of a local cloud whose
 * nodes are real SSH hosts. What the CLI prints is checked against what the nodes and the cloud's
 * EC2 API report. Spark is left out ({@code --until ssh_ready}); {@code SeedWalkthroughIT} has it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCommandsTest {

    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    static LocalCloud cloud;
    static List<String> masterAndSlaves;

    @BeforeAll
    static void launch() throws Exception {
        cloud = LocalCloud.builder().sshBootDelay(Duration.ZERO).start();
        LocalClouds.createKeyPair(cloud, "mykey", home.resolve("mykey.pem"));
        Cli.Result launch = Cli.withHome(home)
                .run(local("-k", "mykey", "-i", "~/mykey.pem", "-s", "2", "launch", "ops", "--until", "ssh_ready"));
        assertThat(launch.exitCode()).as(launch.err()).isZero();
        JsonNode json = new ObjectMapper()
                .readTree(Cli.withHome(home)
                        .run(local("describe", "ops", "--json"))
                        .out());
        masterAndSlaves = new ArrayList<>();
        masterAndSlaves.add("master " + json.get("master").get("publicIp").asText());
        json.get("slaves")
                .forEach(slave ->
                        masterAndSlaves.add("slave " + slave.get("publicIp").asText()));
    }

    @AfterAll
    static void destroy() {
        if (cloud != null) {
            try {
                Cli.Result destroy = Cli.withHome(home).run(local("destroy", "ops", "-y", "-q"));
                assertThat(destroy.exitCode()).as(destroy.err()).isZero();
            } finally {
                cloud.close();
            }
        }
    }

    @Test
    @Order(0)
    void aSecondLaunchOfTheNameSaysHowOnInTheUsersOwnOptions() {
        Cli.Result again = Cli.withHome(home)
                .run(local("-k", "mykey", "-i", "~/mykey.pem", "launch", "ops", "--until", "ssh_ready"));
        assertThat(again.exitCode()).isEqualTo(1);
        String typed = "thunder-ec2 --local --endpoint-url " + cloud.endpoint() + " -k mykey -i ~/mykey.pem";
        assertThat(again.err())
                .contains("\nthunder-ec2: error: a cluster named 'ops' already exists")
                .endsWith(": '" + typed + " launch ops --resume' completes it, '" + typed + " destroy ops' removes it,"
                        + " or choose another name\n")
                .doesNotContain("()");
    }

    @Test
    @Order(1)
    void runCommandPrintsEachNodesOutputWithItsRoleAndAddress() {
        Cli.Result result = Cli.withHome(home)
                .run(local(
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "run-command",
                        "ops",
                        "echo",
                        "node-$(basename $(dirname $HOME))"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(lines.get(i)).startsWith("[" + masterAndSlaves.get(i) + "] node-i-");
        }
        // Each node answered with its own instance directory: three different instances.
        assertThat(lines.stream().map(l -> l.substring(l.indexOf("node-"))).distinct())
                .hasSize(3);
        assertThat(result.err()).isEqualTo("The command succeeded on all 3 nodes.\n");
    }

    @Test
    @Order(2)
    void runCommandFailsWhenANodeFails() {
        // Fails on the slaves only: their $HOME has no marker file, the master's gets one first.
        Cli cli = Cli.withHome(home);
        Cli.Result marked = cli.run(
                local("-k", "mykey", "-i", "~/mykey.pem", "run-command", "ops", "--master-only", "touch", "marker"));
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.err()).isEqualTo("The command succeeded on the node.\n");

        // -- keeps options that thunder-ec2 knows (-v) for the remote command; 'ls -l' would work without it.
        Cli.Result result = cli.run(local(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "run-command",
                "ops",
                "--",
                "test",
                "-e",
                "marker",
                "&&",
                "echo",
                "-v",
                "found",
                "||",
                "{",
                "echo",
                "missing",
                ">&2;",
                "exit",
                "7;",
                "}"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("[" + masterAndSlaves.get(0) + "] -v found\n");
        assertThat(result.err())
                .isEqualTo("[" + masterAndSlaves.get(1) + "] missing\n"
                        + "[" + masterAndSlaves.get(1) + "] exit status 7\n"
                        + "[" + masterAndSlaves.get(2) + "] missing\n"
                        + "[" + masterAndSlaves.get(2) + "] exit status 7\n"
                        + "The command failed on 2 of 3 nodes.\n");
    }

    @Test
    @Order(3)
    void unknownOptionsBelongToTheRemoteCommand() {
        Cli.Result result = Cli.withHome(home)
                .run(local(
                        "-k",
                        "mykey",
                        "-i",
                        "~/mykey.pem",
                        "run-command",
                        "ops",
                        "--master-only",
                        "ls",
                        "-a",
                        "-1d",
                        "."));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("[" + masterAndSlaves.get(0) + "] .\n");
    }

    @Test
    @Order(4)
    void copyFileReachesEveryNodeOrTheMaster() throws Exception {
        Path data = Files.writeString(home.resolve("data.txt"), "seed data\n");
        Cli cli = Cli.withHome(home);
        Cli.Result copy =
                cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "copy-file", "ops", "~/data.txt", "in/data.txt"));
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.err()).isEqualTo("Copied " + data + " to in/data.txt on all 3 nodes.\n");
        Cli.Result master = cli.run(local(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "copy-file",
                "ops",
                data.toString(),
                "only-master.txt",
                "--master-only"));
        assertThat(master.exitCode()).as(master.err()).isZero();

        Cli.Result check = cli.run(local(
                "-k",
                "mykey",
                "-i",
                "~/mykey.pem",
                "run-command",
                "ops",
                "cat in/data.txt; test -e only-master.txt && echo has-master-copy; true"));
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out().lines())
                .containsExactly(
                        "[" + masterAndSlaves.get(0) + "] seed data",
                        "[" + masterAndSlaves.get(0) + "] has-master-copy",
                        "[" + masterAndSlaves.get(1) + "] seed data",
                        "[" + masterAndSlaves.get(2) + "] seed data");
    }

    @Test
    @Order(5)
    void loginRunsAShellOnTheMasterAndEndsWithItsExitStatus() throws Exception {
        ShellStreams shell = new ShellStreams();
        CompletableFuture<Cli.Result> login = CompletableFuture.supplyAsync(() -> Cli.withHome(home)
                .shell(shell.input(), shell.output())
                .run(local("-k", "mykey", "-i", "~/mykey.pem", "login", "ops")));
        shell.type("echo on-$(basename $(dirname $HOME))-$((6*7))\n");
        shell.await("on-i-", SHELL_TIMEOUT);
        shell.type("exit 3\n");
        Cli.Result result = login.get(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err() + shell.transcript()).isEqualTo(3);
        String masterId = masterInstanceId();
        assertThat(shell.transcript()).contains("on-" + masterId + "-42");
        assertThat(result.err())
                .isEqualTo("Logging in to the master of cluster 'ops' ("
                        + masterAndSlaves.get(0).substring("master ".length()) + ")...\n");
    }

    @Test
    @Order(6)
    void loginKeepsTheSeedsPortForwardingOpenForTheSession() throws Exception {
        // A web server on the master's loopback (the local cloud's nodes share this machine's).
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "notebook-ish".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int localPort = freePort();
        ShellStreams shell = new ShellStreams();
        try {
            CompletableFuture<Cli.Result> login = CompletableFuture.supplyAsync(() -> Cli.withHome(home)
                    .shell(shell.input(), shell.output())
                    .run(local(
                            "-k",
                            "mykey",
                            "-i",
                            "~/mykey.pem",
                            "login",
                            "ops",
                            "--ssh-port-forwarding",
                            localPort + ":" + server.getAddress().getPort())));
            shell.type("echo logged-$((1+1))\n");
            shell.await("logged-2", SHELL_TIMEOUT);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/"))
                                    .timeout(SHELL_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("notebook-ish");
            shell.type("exit\n");
            Cli.Result result = login.get(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.err() + shell.transcript()).isZero();
            assertThat(result.err())
                    .startsWith("Forwarding localhost:" + localPort + " to port "
                            + server.getAddress().getPort() + " on the master while you are logged in.\n");
            // The session is over, and so is the forward.
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), localPort).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Order(7)
    void addSlavesThenRemoveSlaves() throws Exception {
        Cli cli = Cli.withHome(home);
        Cli.Result add =
                cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "add-slaves", "ops", "1", "--until", "ssh_ready"));
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added 1 slave to cluster 'ops': 1 master and 3 slaves (4 nodes).\n");
        assertThat(LocalClouds.liveInstances(cloud, "ops")).hasSize(4);
        // The new slave answers SSH like the others.
        Cli.Result run = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "run-command", "ops", "true"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("The command succeeded on all 4 nodes.\n");

        JsonNode before = new ObjectMapper()
                .readTree(cli.run(local("describe", "ops", "--json")).out());
        String newest = before.get("slaves").get(2).get("instanceId").asText();

        Cli.Result refused = cli.run(local("remove-slaves", "ops", "2"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("thunder-ec2: error: refusing to remove 2 slaves from cluster 'ops' without"
                        + " confirmation: standard input is not a terminal, so nobody can answer; add --assume-yes (-y) to"
                        + " confirm in scripts\n");

        Cli.Result declined = Cli.withHome(home).interactive("n\n").run(local("remove-slaves", "ops", "1"));
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err())
                .contains("1 master and 3 slaves (4 nodes)")
                .contains("Removing 1 slave terminates the newest: " + newest)
                .contains("lost forever")
                .contains("Remove 1 slave from cluster 'ops'? [y/N] ")
                .contains("Aborted: cluster 'ops' was not touched.");
        assertThat(LocalClouds.liveInstances(cloud, "ops")).hasSize(4);

        Cli.Result tooMany = cli.run(local("remove-slaves", "ops", "3", "-y"));
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.err())
                .isEqualTo("thunder-ec2: error: cluster 'ops' has 3 slaves and keeps at least one:"
                        + " remove at most 2, or 'thunder-ec2 --local --endpoint-url " + cloud.endpoint()
                        + " destroy ops' to remove"
                        + " the whole cluster\n");

        Cli.Result remove = cli.run(local("remove-slaves", "ops", "1", "-y"));
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).isEqualTo("Removed 1 slave from cluster 'ops': 1 master and 2 slaves (3 nodes).\n");
        assertThat(LocalClouds.liveInstances(cloud, "ops")).hasSize(3).noneSatisfy(i -> assertThat(i.instanceId())
                .isEqualTo(newest));
    }

    @Test
    @Order(8)
    void autostopShowsInListAndDescribeWithTheIdleTimeReadFromTheMaster() {
        Cli cli = Cli.withHome(home);
        Cli.Result set = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "autostop", "ops", "2h", "--terminate"));
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.err())
                .contains("warning: cluster 'ops' terminates itself when idle")
                .endsWith("Cluster 'ops' terminates by itself after 2h idle.\n");

        String master = masterAndSlaves.get(0).substring("master ".length()).replace(".", "\\.");
        Cli.Result list = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "list"));
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("(?m)^NAME +STATE +NODES +MASTER +AUTOSTOP +IDLE$")
                .containsPattern("(?m)^ops +running +3 +" + master + " +2h terminate +(\\d+[smhd]\\w*|busy \\(.+\\))$");
        // Without the key the idle time cannot be read: the column says so.
        assertThat(cli.run(local("list")).out())
                .containsPattern(
                        "(?m)^ops +running +3 +" + master + " +2h terminate +\\? \\(give -i FILE to read it\\)$");
        Cli.Result describe = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "describe", "ops"));
        assertThat(describe.out())
                .containsPattern("\n  autostop: terminates after 2h idle; idle: (\\d+[smhd]\\w*|busy \\(.+\\))\n");

        Cli.Result cancel = cli.run(local("-k", "mykey", "-i", "~/mykey.pem", "autostop", "ops", "--cancel"));
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cli.run(local("describe", "ops")).out()).contains("\n  autostop: none\n");
        assertThat(cli.run(local("list")).out()).containsPattern("(?m)^ops +running +3 +" + master + " +- +-$");
    }

    private static String masterInstanceId() throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(Cli.withHome(home)
                        .run(local("describe", "ops", "--json"))
                        .out());
        return json.get("master").get("instanceId").asText();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The options that point the CLI at this test's cloud, then {@code args} (which may end in a remote command). */
    static String[] local(String... args) {
        List<String> all = new ArrayList<>(
                List.of("--local", "--endpoint-url", cloud.endpoint().toString()));
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }
}
