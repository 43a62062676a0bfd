package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.NodeSshException;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The autostop agent's power-off on the local cloud: it stops only its own instance, through the
 * node's own shutdown (instance-initiated, files on the root volume kept, start works again), and
 * refuses — running nothing — when the shutdown it is given is not the node's own or the node's
 * local-cloud variables are missing. SAFETY: every command here runs on a node whose PATH was
 * checked first to find the node's own shutdown and sudo, never this machine's.
 */
class AutostopPowerOffTest {
    private static final String SCRIPT = "/org/thunderproject/ec2/services/autostop/autostop-poweroff.sh";

    @TempDir
    static Path keys;

    @TempDir
    Path local;

    private SshFixture fx;
    private AutostopNodes nodes;

    @BeforeEach
    void start() throws Exception {
        fx = SshFixture.start(keys, Duration.ZERO);
        nodes = AutostopNodes.of(fx);
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void powersOffOnlyItsOwnInstanceThroughTheNodesShutdownAndRefusesAnythingElse() throws Exception {
        Cluster cluster = fx.cluster(fx.spec(name("poweroff")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        String slave = launched.slaves().get(0).instanceId();
        Path script = local.resolve("autostop-poweroff.sh");
        try (InputStream in = AutostopPowerOffTest.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script);
        }
        cluster.copy(script, "autostop-poweroff.sh");
        for (String name : List.of("shutdown", "sudo")) {
            CommandResult found =
                    cluster.run("command -v " + name, NodeSelector.MASTER).get(0);
            assertThat(found.stdout().strip())
                    .as("the node's own %s comes first", name)
                    .isEqualTo(fx.instanceDirectory(master)
                            .resolve("sbin")
                            .resolve(name)
                            .toRealPath()
                            .toString());
        }
        assertThat(cluster.run("echo kept > kept.txt", NodeSelector.MASTER)
                        .get(0)
                        .exitStatus())
                .isZero();

        // A planted "shutdown" where the node's own would be, but not the local cloud's: never run.
        String planted = "mkdir -p fake/instances/" + master + "/sbin && printf '#!/bin/sh\\ntouch ran\\n'"
                + " > fake/instances/" + master + "/sbin/shutdown && chmod +x fake/instances/" + master
                + "/sbin/shutdown"
                + " && THUNDER_LOCALCLOUD_SHUTDOWN=$HOME/fake/instances/" + master
                + "/sbin/shutdown sh autostop-poweroff.sh "
                + master;
        refused(cluster.run(planted, NodeSelector.MASTER).get(0), "is not the local cloud's node command");
        assertThat(fx.instanceDirectory(master).resolve("home/ran")).doesNotExist();
        refused(
                cluster.run("sh autostop-poweroff.sh " + slave, NodeSelector.MASTER)
                        .get(0),
                "is not " + slave);
        refused(
                cluster.run(
                                "env -u THUNDER_LOCALCLOUD_SHUTDOWN -u THUNDER_LOCALCLOUD_INSTANCE sh autostop-poweroff.sh "
                                        + master,
                                NodeSelector.MASTER)
                        .get(0),
                "looks like a local-cloud node");
        assertThat(nodes.state(master)).isEqualTo("running");

        // As the agent runs it: in the background, so the session is not cut off under the command.
        try {
            cluster.run("nohup sh autostop-poweroff.sh " + master + " > poweroff.log 2>&1 &", NodeSelector.MASTER);
        } catch (NodeSshException e) {
            // The node can go down before the session reports the exit status, as a real node does.
        }
        Instance stopped = nodes.await(master, "stopped");
        assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        assertThat(nodes.state(slave)).isEqualTo("running");

        cluster.start(LaunchPhase.SSH_READY);
        assertThat(cluster.run("cat kept.txt", NodeSelector.MASTER).get(0).stdout())
                .isEqualTo("kept\n");
    }

    private static void refused(CommandResult result, String why) {
        assertThat(result.exitStatus()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).contains("autostop: refusing to power off", why);
    }
}
