package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;

/**
 * A {@code known_hosts} line that cannot be read never widens trust: it is reported (a Warning
 * event naming the file and line), left as it is, and the node it names is refused instead of
 * being pinned a second time from its console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptKnownHostsTest {
    @TempDir
    static Path keys;

    private SshFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = SshFixture.start(keys, Duration.ZERO);
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aCorruptLineIsReportedLeftAloneAndItsNodeRefusedUntilItIsFixed() throws Exception {
        Cluster cluster = fx.cluster(fx.spec(name("corrupt")).slaves(1));
        ClusterDescription launched = cluster.launch(LaunchPhase.SSH_READY);
        String master = launched.master().orElseThrow().instanceId();
        Path file = fx.knownHostsFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int index = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith(master + " "))
                .findFirst()
                .orElseThrow());
        String[] fields = lines.get(index).split(" ");
        lines.set(index, fields[0] + " " + fields[1] + " AAAAgarbage!!");
        Files.write(file, lines);
        String where = "line " + (index + 1) + " of " + file;

        RecordingListener events = new RecordingListener();
        cluster.addListener(events);
        assertThatThrownBy(() -> cluster.run("true", NodeSelector.MASTER))
                .isInstanceOfSatisfying(HostKeyChangedException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo(master);
                    assertThat(e.knownHostsFile()).isEqualTo(file);
                })
                .hasMessageContaining(where)
                .hasMessageContaining("ssh-keygen -R '" + master + "'");
        assertThat(events.warnings()).anySatisfy(w -> assertThat(w).contains(where, "left as it is"));
        assertThat(Files.readAllLines(file)).as("left alone, no second pin").isEqualTo(lines);

        // The slave's line is fine: its node is reached, and the corrupt line stays.
        assertThat(cluster.run("true", NodeSelector.SLAVES))
                .allSatisfy(r -> assertThat(r.exitStatus()).isZero());
        assertThat(Files.readAllLines(file)).isEqualTo(lines);

        // Removed as the message says: the node is pinned from its console again.
        assertThat(fx.knownHosts().forget(master)).isTrue();
        assertThat(cluster.run("true", NodeSelector.MASTER)).singleElement().satisfies(r -> assertThat(r.exitStatus())
                .isZero());
        assertThat(fx.consoleFingerprints(master).fingerprints())
                .extracting(Object::toString)
                .contains(fx.knownHosts().fingerprints(master).get(0).toString());
    }
}
