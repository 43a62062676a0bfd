package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * Two people type {@code thunder-ec2 launch NAME} at the same moment: two CLI processes against
 * one local cloud, the race forced by {@code Faults.gather} (both pass their checks before either
 * creates a group). Every trial: one cluster of the asked size, one launch exits 0, the other
 * exits 1 saying {@code --resume}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLaunchIT {
    private static final int TRIALS = 20;
    private static final Duration LAUNCH = Duration.ofMinutes(2);

    @TempDir
    static Path home;

    private LocalCloud cloud;
    private Path key;

    @BeforeAll
    void start() throws Exception {
        cloud = LocalCloud.builder().withoutSsh().start();
        key = LocalClouds.createKeyPair(cloud, "mykey", home.resolve("mykey.pem"));
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void twoLaunchProcessesOfOneNameMakeOneClusterAndTheLoserSaysResume() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            String name = "race" + trial;
            cloud.faults().gather("CreateSecurityGroup", 2);
            List<BackgroundProcess> launches = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    launches.add(BackgroundProcess.start(launch(name), home, Map.of()));
                }
                List<Integer> exits = new ArrayList<>();
                for (BackgroundProcess launch : launches) {
                    exits.add(launch.waitFor(LAUNCH));
                }

                String what = "trial " + trial + ": exits " + exits + ", stderr "
                        + launches.stream().map(BackgroundProcess::err).toList();
                assertThat(exits).as(what).containsExactlyInAnyOrder(0, 1);
                BackgroundProcess lost = launches.get(exits.indexOf(1));
                assertThat(lost.err())
                        .as(what)
                        .contains(
                                "already exists",
                                "another launch",
                                // the hints carry the options the loser typed (--local --endpoint-url … -k … -i …)
                                " -i " + home.resolve("mykey.pem") + " launch " + name + " --resume'",
                                " destroy " + name + "'")
                        .doesNotContain("resume()");
                assertThat(launches.get(exits.indexOf(0)).out()).as(what).contains("Cluster successfully launched!");
                assertThat(LocalClouds.liveInstances(cloud, name))
                        .as(what + ": instances in EC2")
                        .hasSize(3);
                assertThat(LocalClouds.groups(cloud, name)).as(what).hasSize(2);
            } finally {
                launches.forEach(BackgroundProcess::close);
            }
        }
    }

    private List<String> launch(String name) {
        // C1 only and the serial collector: 40 short JVMs on a shared 2-core machine.
        return List.of(
                Processes.javaBinary(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Duser.home=" + home,
                "-Daws.disableEc2Metadata=true",
                "-jar",
                Processes.jar().toString(),
                "--local",
                "--endpoint-url",
                cloud.endpoint().toString(),
                "-k",
                "mykey",
                "-i",
                key.toString(),
                "-s",
                "2",
                "launch",
                name,
                "--until",
                "infrastructure");
    }
}
