package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * A node that runs shutdown, poweroff, halt or reboot, with or without sudo, changes only its own
 * instance, as on EC2 (instance-initiated shutdown), through the real SDK and the system's OpenSSH.
 * SAFETY: this machine may run as root; before any such command the test checks on the node that
 * every one of those names resolves to the node's own commands, and runs nothing when one does not.
 */
class NodeShutdownTest {

    private static final List<String> POWER = List.of("shutdown", "poweroff", "halt", "reboot", "sudo", "systemctl");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static LocalCloud cloud;
    private static Ec2Client ec2;
    private static Path identity;
    private static String bystander;

    @BeforeAll
    static void startCloud() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, ssh-keygen) is not installed");
        cloud = LocalCloud.builder()
                .sshBootDelay(Duration.ZERO)
                .dataDirectory(dir.resolve("cloud"))
                .start();
        ec2 = cloud.ec2Client();
        identity = cloud.createKeyPair("power", dir.resolve("power.pem"));
        bystander = launch(ShutdownBehavior.STOP);
    }

    @AfterAll
    static void stopCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "shutdown -h now",
                "poweroff",
                "halt",
                "sudo shutdown -h now",
                "sudo poweroff",
                "sudo -n halt",
                "sudo /sbin/shutdown -h now",
                "sudo /usr/sbin/poweroff",
                "sudo systemctl poweroff",
                "sudo sh -c 'shutdown -P now'",
                "shutdown now"
            })
    void aNodeThatShutsDownStopsOnlyItsOwnInstance(String command) throws Exception {
        String id = launch(ShutdownBehavior.STOP);
        Path knownHosts = reachable(id);
        requireOwnPowerCommands(id, knownHosts);

        wentDown(ssh(id, knownHosts, command));

        Instance stopped = awaitState(id, "stopped");
        assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        assertThat(stopped.stateReason().message())
                .isEqualTo("Client.InstanceInitiatedShutdown: Instance initiated shutdown");
        assertThat(cloud.dataDirectory().resolve("instances").resolve(id).resolve("home/kept.txt"))
                .hasContent("kept");
        bystanderUntouched();
    }

    @Test
    void shutdownTerminatesWhenTheBehaviourSaysSoEvenAfterModifyInstanceAttribute() throws Exception {
        String launchedTerminating = launch(ShutdownBehavior.TERMINATE);
        String modified = launch(ShutdownBehavior.STOP);
        ec2.modifyInstanceAttribute(
                r -> r.instanceId(modified).instanceInitiatedShutdownBehavior(v -> v.value("terminate")));
        assertThat(ec2.describeInstanceAttribute(
                                r -> r.instanceId(modified).attribute("instanceInitiatedShutdownBehavior"))
                        .instanceInitiatedShutdownBehavior()
                        .value())
                .isEqualTo("terminate");

        for (String id : List.of(launchedTerminating, modified)) {
            Path knownHosts = reachable(id);
            requireOwnPowerCommands(id, knownHosts);
            wentDown(ssh(id, knownHosts, "sudo shutdown -h now"));
            Instance terminated = awaitState(id, "terminated");
            assertThat(terminated.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        }
        bystanderUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reboot", "sudo reboot", "shutdown -r now"})
    void aNodeThatRebootsComesBackRunningOnTheSameAddress(String command) throws Exception {
        String id = launch(ShutdownBehavior.STOP);
        Path knownHosts = reachable(id);
        requireOwnPowerCommands(id, knownHosts);
        Instance before = describe(id);
        OpenSsh.Result marker = ssh(id, knownHosts, "sleep 600 > /dev/null 2>&1 & echo $!");
        long sleeper = Long.parseLong(marker.out().strip());

        wentDown(ssh(id, knownHosts, command));

        Poll.until("the node's processes killed by the reboot", TIMEOUT, () -> ProcessHandle.of(sleeper)
                .isEmpty());
        Poll.until(
                id + " answers again",
                TIMEOUT,
                () -> ssh(id, knownHosts, "true").exitStatus() == 0);
        Instance after = describe(id);
        assertThat(after.state().nameAsString()).isEqualTo("running");
        assertThat(after.publicIpAddress()).isEqualTo(before.publicIpAddress());
        bystanderUntouched();
    }

    @Test
    void shutdownLaterWaitsAndCancelDropsIt() throws Exception {
        String id = launch(ShutdownBehavior.STOP);
        Path knownHosts = reachable(id);
        requireOwnPowerCommands(id, knownHosts);
        assertThat(ssh(id, knownHosts, "sudo shutdown -h +5 'going down'").exitStatus())
                .isZero();
        assertThat(ssh(id, knownHosts, "shutdown -c").exitStatus()).isZero();
        // The cancel was handled when a later request is: an immediate poweroff stops it.
        assertThat(ssh(id, knownHosts, "shutdown 12:30").exitStatus())
                .as("clock times are refused")
                .isEqualTo(1);
        assertThat(describe(id).state().nameAsString()).isEqualTo("running");
        assertThat(ssh(id, knownHosts, "systemctl restart sshd").exitStatus())
                .as("no host systemd")
                .isEqualTo(1);
        bystanderUntouched();
    }

    /**
     * The command succeeded, or the node went down under it, as OpenSSH says of a real host: the
     * server closed the connection, or it was gone when the client wrote next (which side notices
     * first is a race).
     */
    private static void wentDown(OpenSsh.Result result) {
        if (result.exitStatus() != 0) {
            assertThat(result.exitStatus()).as(result.stderr()).isEqualTo(255);
            assertThat(result.stderr()).containsAnyOf("closed by remote host", "send disconnect: Broken pipe");
        }
    }

    /** Fails, and runs nothing, unless every power command on the node is the node's own. */
    private static void requireOwnPowerCommands(String id, Path knownHosts) throws Exception {
        Path sbin = cloud.dataDirectory()
                .resolve("instances")
                .resolve(id)
                .resolve("sbin")
                .toRealPath();
        for (String how : List.of("", "sudo sh -c ", "bash -c ", "sudo -u nobody bash -c ")) {
            String probe = "for c in " + String.join(" ", POWER) + "; do command -v $c; done";
            String command = how.isEmpty() ? probe : how + NodeCommand.quote(probe);
            OpenSsh.Result resolved = ssh(id, knownHosts, command);
            List<String> expected = new ArrayList<>();
            POWER.forEach(name -> expected.add(sbin.resolve(name).toString()));
            assertThat(resolved.out().strip().split("\n"))
                    .as("what '%s' finds on %s", command, id)
                    .containsExactlyElementsOf(expected);
        }
        for (String name : POWER) {
            assertThat(Files.readString(sbin.resolve(name))).contains("thunder-ec2 local cloud node");
        }
        assertThat(ssh(id, knownHosts, "echo kept > kept.txt").exitStatus()).isZero();
    }

    private static void bystanderUntouched() throws Exception {
        assertThat(describe(bystander).state().nameAsString()).isEqualTo("running");
        assertThat(ssh(bystander, reachable(bystander), "echo alive").out()).isEqualTo("alive\n");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(Path.of("/run/nologin")).as("no host shutdown scheduled").doesNotExist();
    }

    private static String launch(ShutdownBehavior behavior) {
        String id = ec2.runInstances(r -> r.imageId(al2023())
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .keyName("power")
                        .instanceInitiatedShutdownBehavior(behavior))
                .instances()
                .get(0)
                .instanceId();
        awaitState(id, "running");
        return id;
    }

    private static String al2023() {
        return ec2.describeImages(r -> r.owners("amazon")
                        .filters(f -> f.name("name").values("al2023-ami-2023.*-x86_64"), f -> f.name("architecture")
                                .values("x86_64")))
                .images()
                .get(0)
                .imageId();
    }

    /** Waits for the host keys on the console; returns a known_hosts file pinning them by instance id. */
    private static Path reachable(String id) throws Exception {
        Path knownHosts = dir.resolve("known_hosts-" + id);
        Poll.until("host keys of " + id, TIMEOUT, () -> !Nodes.block(console(id), "SSH HOST KEY KEYS")
                .isEmpty());
        StringBuilder lines = new StringBuilder();
        Nodes.block(console(id), "SSH HOST KEY KEYS")
                .forEach(key -> lines.append(id).append(' ').append(key).append('\n'));
        Files.writeString(knownHosts, lines);
        Poll.until(
                id + " answers SSH", TIMEOUT, () -> ssh(id, knownHosts, "true").exitStatus() == 0);
        return knownHosts;
    }

    private static String console(String id) {
        String output = ec2.getConsoleOutput(r -> r.instanceId(id)).output();
        return output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }

    private static OpenSsh.Result ssh(String id, Path knownHosts, String command) {
        Instance instance = describe(id);
        String address = instance.publicIpAddress() == null ? instance.privateIpAddress() : instance.publicIpAddress();
        return OpenSsh.ssh(
                identity, knownHosts, "ec2-user", address, cloud.sshPort(), null, "-o", "HostKeyAlias=" + id, command);
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }

    private static Instance awaitState(String id, String state) {
        Poll.until(
                id + " " + state,
                TIMEOUT,
                () -> describe(id).state().nameAsString().equals(state));
        return describe(id);
    }
}
