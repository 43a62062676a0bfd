package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code --autostop} end to end through the CLI, in this JVM, against a local cloud: a cluster
 * launched with it stops itself when idle (EC2 says so, and so does {@code describe}), {@code start}
 * brings it back, and after {@code autostop NAME --cancel} its agents are gone and it stays up
 * past the idle time. The test-only minimum ({@link ClusterSpec#TEST_MINIMUM_AUTOSTOP_PROPERTY})
 * allows an idle time of seconds.
 */
class AutostopCommandTest {
    /** Long enough that 'autostop --cancel' reaches the nodes before the restarted agents power off. */
    private static final Duration IDLE = Duration.ofSeconds(20);

    @TempDir
    static Path home;

    static LocalCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        System.setProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY, "PT1S");
        cloud = LocalCloud.start();
        LocalClouds.createKeyPair(cloud, "mykey", home.resolve("mykey.pem"));
    }

    @AfterAll
    static void stopCloud() {
        System.clearProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY);
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void launchedWithAutostopItStopsWhenIdleStartsAgainAndStaysUpOnceCancelled() throws Exception {
        Cli cli = Cli.withHome(home);
        Cli.Result launch = cli.run(
                withKey("-s", "1", "launch", "idle", "--until", "ssh_ready", "--autostop", IDLE.toSeconds() + "s"));
        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(states()).containsOnly(InstanceStateName.RUNNING).hasSize(2);

        for (Instance stopped : awaitAll(InstanceStateName.STOPPED)) {
            assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
        assertThat(describedState()).isEqualTo("stopped");

        Cli.Result start = cli.run(withKey("start", "idle", "--until", "ssh_ready"));
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(describedState()).isEqualTo("running");
        Cli.Result cancel = cli.run(withKey("autostop", "idle", "--cancel"));
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        Instant cancelled = Instant.now();

        // The agents exit at their next check (and remove their state): nothing on the nodes can stop it now.
        List<Path> agents = LocalClouds.liveInstances(cloud, "idle").stream()
                .map(i -> cloud.dataDirectory()
                        .resolve("instances")
                        .resolve(i.instanceId())
                        .resolve("home/.thunder-ec2/autostop"))
                .toList();
        assertThat(agents).hasSize(2).allSatisfy(a -> assertThat(a.resolve("autostop.conf"))
                .doesNotExist());
        Poll.until(
                "the agents gone",
                Duration.ofMinutes(1),
                () -> agents.stream().noneMatch(a -> Files.exists(a.resolve("state")))
                        ? Optional.of(true)
                        : Optional.empty(),
                () -> agents.toString());
        // Still up once the idle time has passed since the cancel (and so since the last session).
        Poll.until(
                "the idle time passed since the cancel",
                IDLE.multipliedBy(3),
                () -> Instant.now().isAfter(cancelled.plus(IDLE).plusSeconds(2)) ? Optional.of(true) : Optional.empty(),
                () -> "now " + Instant.now());
        assertThat(states()).containsOnly(InstanceStateName.RUNNING).hasSize(2);
        assertThat(describedState()).isEqualTo("running");

        Cli.Result destroy = cli.run(withKey("destroy", "idle", "-y"));
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
    }

    private static List<Instance> awaitAll(InstanceStateName state) {
        return Poll.until(
                "every node " + state,
                Duration.ofMinutes(2),
                () -> Optional.of(LocalClouds.liveInstances(cloud, "idle"))
                        .filter(all -> all.size() == 2
                                && all.stream().allMatch(i -> i.state().name() == state)),
                () -> states().toString());
    }

    private String describedState() throws Exception {
        Cli.Result result = Cli.withHome(home).run(local("describe", "idle", "--json"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return new ObjectMapper().readTree(result.out()).get("state").asText();
    }

    private static List<InstanceStateName> states() {
        return LocalClouds.liveInstances(cloud, "idle").stream()
                .map(i -> i.state().name())
                .toList();
    }

    private static String[] withKey(String... args) {
        List<String> all = new ArrayList<>(List.of("-k", "mykey", "-i", "~/mykey.pem"));
        all.addAll(Arrays.asList(args));
        return local(all.toArray(new String[0]));
    }

    private static String[] local(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--local", "--endpoint-url", cloud.endpoint().toString()));
        return all.toArray(new String[0]);
    }
}
