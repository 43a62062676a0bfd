package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Autostop and the notebook on a real Jupyter (Debian's Notebook 6 on the local cloud's master,
 * Spark and its Spark Connect server running): the agent can ask the SSL notebook, password and
 * all, about its kernels; a kernel executing a long cell keeps the cluster up past its idle time
 * with no SSH session open (also when the server still calls the kernel starting); once the cell
 * finishes, the cluster stops itself.
 */
@NeedsSparkRuntime
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@ExtendWith(ShortAutostop.class)
final class AutostopNotebookTest {
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String KERNELS_BUSY = "sh .thunder-ec2/services/jupyter/notebook.sh kernels-busy";

    @TempDir
    static Path keys;

    @Test
    void aBusyKernelKeepsTheClusterUpAndItStopsWhenTheCellEnds() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/jupyter-notebook")),
                "needs Debian's jupyter-notebook"
                        + " (/usr/bin/jupyter-notebook, installed by .ci/run): the local cloud's masters use the system's Jupyter");
        try (ProvisionFixture fx = ProvisionFixture.start(keys)) {
            Cluster cluster = fx.cluster(fx.spec(name("nbstop")).slaves(1).build());
            ClusterDescription launched = cluster.launch();
            String master = launched.master().orElseThrow().instanceId();
            String slave = launched.slaves().get(0).instanceId();
            AutostopNodes nodes = AutostopNodes.of(fx);
            Path home = fx.home(master);
            Path agent = home.resolve(".thunder-ec2/autostop");

            // The SSL notebook has a password only its user knows: the agent asks with the server's
            // own token for local tools, and gets an answer (1: no kernel busy), not a failure (2).
            cluster.openNotebook(SslNotebook.withGeneratedPassword());
            CommandResult asked = cluster.run(KERNELS_BUSY, NodeSelector.MASTER).get(0);
            assertThat(asked.exitStatus()).as(asked.stderr()).isEqualTo(1);
            // That token was made on the master and stays in the server's 0600 files: not logged, not the user's.
            Path notebookDir = home.resolve(".thunder-ec2/notebook");
            Matcher token = Pattern.compile("c\\.NotebookApp\\.token = '([0-9a-f]{48})'")
                    .matcher(Files.readString(notebookDir.resolve("config/jupyter_notebook_config.py")));
            assertThat(token.find()).isTrue();
            assertThat(Files.readString(notebookDir.resolve("notebook.log"))).doesNotContain(token.group(1));
            assertThat(asked.stdout() + asked.stderr()).doesNotContain(token.group(1));
            assertThat(notebookDir.resolve("token")).doesNotExist();

            // The tunnel notebook (its forward is no SSH session): a cell that runs until 'release' exists.
            // Whether it runs is read from the marker it writes, not from the server's execution_state,
            // which Notebook 6 sometimes leaves at 'starting' (the agent then asks the kernel itself).
            Path running = home.resolve("kernel-running");
            Path release = home.resolve("release-kernel");
            try (Notebook nb = cluster.openNotebook(
                            SshTunnelNotebook.onLocalPort(0).remotePort(ProvisionFixture.freeLoopbackPort()));
                    JupyterKernel kernel =
                            JupyterKernel.start(nb.url(), nb.url().getQuery().substring("token=".length()))) {
                kernel.execute("import os, time\nopen(" + python(running) + ", 'w').close()\nwhile not os.path.exists("
                        + python(release) + "):\n    time.sleep(0.2)\n");
                Poll.until(
                        "the cell running",
                        Duration.ofMinutes(2),
                        () -> Files.exists(running) ? Optional.of(true) : Optional.empty(),
                        () -> "server says " + state(kernel) + "; notebook log:\n"
                                + AutostopNodes.read(notebookDir.resolve("notebook.log")));

                cluster.autostop(Optional.of(IDLE));
                long deadline = Instant.now().plus(IDLE).plusSeconds(1).getEpochSecond();
                Poll.until(
                        "the master agent busy because of the kernel past " + deadline,
                        Duration.ofMinutes(1),
                        () -> Optional.of(AutostopNodes.read(agent.resolve("state")) + " "
                                        + AutostopNodes.read(agent.resolve("idle-since")))
                                .filter(s -> s.matches("busy \\(notebook kernel\\) \\d+")
                                        && Long.parseLong(s.substring(23)) >= deadline),
                        () -> AutostopNodes.read(agent.resolve("state")) + " "
                                + AutostopNodes.read(agent.resolve("idle-since")) + "; server says " + state(kernel));
                assertThat(nodes.state(master)).isEqualTo("running");
                assertThat(nodes.state(slave)).isEqualTo("running");

                Files.writeString(release, "");
            }
            for (String id : List.of(master, slave)) {
                Instance stopped = nodes.await(id, "stopped");
                assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
            }
        }
    }

    private static String python(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String state(JupyterKernel kernel) {
        try {
            return kernel.executionState();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
