package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;

/**
 * run, copy, forward and login with forwards on one running cluster (a master and two slaves) of the
 * local cloud, over real SSH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeOperationsTest {
    @TempDir
    static Path keys;

    @TempDir
    Path local;

    private SshFixture fx;
    private Cluster cluster;
    private ClusterDescription launched;

    @BeforeAll
    void launch() throws Exception {
        fx = SshFixture.start(keys, Duration.ofSeconds(1));
        cluster = fx.cluster(fx.spec(name("ops")).slaves(2));
        launched = cluster.launch(LaunchPhase.SSH_READY);
    }

    @AfterAll
    void destroy() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void runReachesAllTheMasterOrTheSlavesWithExitStatusesAndOutput() {
        List<CommandResult> all = cluster.run("echo out-$(basename $(dirname $HOME)); echo err >&2; exit 4");

        assertThat(all).extracting(r -> r.node().instanceId()).containsExactlyElementsOf(ids(launched.nodes()));
        assertThat(all)
                .extracting(CommandResult::node)
                .extracting(Node::role)
                .containsExactly(NodeRole.MASTER, NodeRole.SLAVE, NodeRole.SLAVE);
        assertThat(all).allSatisfy(r -> {
            assertThat(r.exitStatus()).isEqualTo(4);
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.stdout()).isEqualTo("out-" + r.node().instanceId() + "\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        });

        List<CommandResult> master = cluster.run("touch only-on-master; exit 0", NodeSelector.MASTER);
        assertThat(master).singleElement().satisfies(r -> {
            assertThat(r.node().instanceId())
                    .isEqualTo(launched.master().orElseThrow().instanceId());
            assertThat(r.isSuccess()).isTrue();
        });
        List<CommandResult> slaves = cluster.run("test -e only-on-master", NodeSelector.SLAVES);
        assertThat(slaves).extracting(r -> r.node().instanceId()).containsExactlyElementsOf(ids(launched.slaves()));
        assertThat(slaves).allSatisfy(r -> assertThat(r.exitStatus()).isEqualTo(1));
        assertThat(cluster.run("test -e only-on-master"))
                .extracting(CommandResult::exitStatus)
                .containsExactly(0, 1, 1);
        assertThat(cluster.run("kill -9 $$", NodeSelector.MASTER).get(0).exitStatus())
                .isEqualTo(137);
    }

    @Test
    void copySendsAFileToEveryNodeAndADirectoryToTheMasterKeepingModes() throws IOException {
        Path file = local.resolve("app.properties");
        Files.writeString(file, "answer=42\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Path dir = local.resolve("tools");
        Files.createDirectories(dir.resolve("bin"));
        Path script = dir.resolve("bin/hello.sh");
        Files.writeString(script, "#!/bin/sh\necho hello from $(basename $(dirname $HOME))\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(dir.resolve("README"), "tools\n");

        cluster.copy(file, "conf/app.properties");
        cluster.copy(dir, "tools", NodeSelector.MASTER);

        assertThat(cluster.run("stat -c %a conf/app.properties && cat conf/app.properties"))
                .allSatisfy(r -> assertThat(r.stdout()).isEqualTo("640\nanswer=42\n"));
        CommandResult master = cluster.run(
                        "stat -c %a tools/bin/hello.sh && tools/bin/hello.sh && cat tools/README", NodeSelector.MASTER)
                .get(0);
        assertThat(master.stdout()).isEqualTo("750\nhello from " + master.node().instanceId() + "\ntools\n");
        assertThat(cluster.run("test -e tools", NodeSelector.SLAVES))
                .allSatisfy(r -> assertThat(r.exitStatus()).isEqualTo(1));
        assertThatThrownBy(() -> cluster.copy(local.resolve("missing"), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void forwardServesAnHttpRequestFromAServerStartedOnTheMaster() throws Exception {
        int port = startHttpServerOnTheMaster();
        try (PortForward forward = cluster.forward(0, port)) {
            assertThat(forward.localPort()).isPositive();
            String body = awaitPage(forward.localPort());

            assertThat(body)
                    .isEqualTo("served-by-" + launched.master().orElseThrow().instanceId() + "\n");
        } finally {
            stopHttpServer();
        }
    }

    @Test
    void loginKeepsItsPortForwardsOpenWhileTheShellRuns() throws Exception {
        int port = startHttpServerOnTheMaster();
        int localPort = ProvisionFixture.freeLoopbackPort();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try {
            // The seed's --ssh-port-forwarding L:R.
            CompletableFuture<Integer> login = CompletableFuture.supplyAsync(
                    () -> cluster.login(in, screen, LocalForward.parse(localPort + ":" + port)));

            assertThat(awaitPage(localPort))
                    .isEqualTo("served-by-" + launched.master().orElseThrow().instanceId() + "\n");
            keyboard.write("exit 7\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();

            assertThat(login.get(60, TimeUnit.SECONDS)).isEqualTo(7);
            assertThatThrownBy(() -> new Socket("127.0.0.1", localPort).close())
                    .as("the forward closed with the shell")
                    .isInstanceOf(IOException.class);
        } finally {
            keyboard.close();
            stopHttpServer();
        }
    }

    /** Starts {@code python3 -m http.server} on the master's loopback, serving a page that names the master. */
    private int startHttpServerOnTheMaster() throws IOException {
        assumeTrue(
                cluster.run("command -v python3", NodeSelector.MASTER).get(0).isSuccess(),
                "python3 is not installed (the HTTP server on the node)");
        int port = ProvisionFixture.freeLoopbackPort();
        CommandResult started = cluster.run(
                        "mkdir -p www && echo served-by-$(basename $(dirname $HOME)) > www/who.txt"
                                + " && (nohup python3 -m http.server --bind 127.0.0.1 --directory www " + port
                                + " > http.log 2>&1 & echo $! > http.pid)",
                        NodeSelector.MASTER)
                .get(0);
        assertThat(started.isSuccess()).as(started.stderr()).isTrue();
        return port;
    }

    private void stopHttpServer() {
        cluster.run("kill $(cat http.pid) 2>/dev/null; rm -f http.pid", NodeSelector.MASTER);
    }

    /** GETs /who.txt through a forward on {@code localPort} until the server answers. */
    private String awaitPage(int localPort) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + localPort + "/who.txt");
        return Poll.until(
                "the forwarded HTTP server answers",
                Duration.ofSeconds(60),
                () -> {
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
                    } catch (IOException e) {
                        return Optional.empty();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                },
                () -> cluster.run("cat http.log", NodeSelector.MASTER).get(0).stdout());
    }
}
