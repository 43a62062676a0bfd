package org.thunderproject.ec2.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;

/**
 * What the autostop tests look at on the local cloud: an instance as EC2 describes it, its
 * agent's files and its live SSH sessions (the local cloud's markers) in the node's directory.
 */
final class AutostopNodes {
    private final Ec2Client ec2;
    private final Function<String, Path> instanceDirectory;

    private AutostopNodes(Ec2Client ec2, Function<String, Path> instanceDirectory) {
        this.ec2 = ec2;
        this.instanceDirectory = instanceDirectory;
    }

    static AutostopNodes of(SshFixture fx) {
        return new AutostopNodes(fx.ec2, fx::instanceDirectory);
    }

    static AutostopNodes of(ProvisionFixture fx) {
        return new AutostopNodes(fx.ec2, fx::instanceDirectory);
    }

    Instance describe(String id) {
        return RawEc2.instance(ec2, id);
    }

    String state(String id) {
        return describe(id).state().nameAsString();
    }

    /** Waits until {@code id} is in {@code state} ("stopped", "terminated"), reached by itself. */
    Instance await(String id, String state) {
        return Poll.until(
                id + " " + state + " by itself",
                Duration.ofMinutes(3),
                () -> Optional.of(describe(id))
                        .filter(i -> i.state().nameAsString().equals(state)),
                () -> state(id) + ", agent: " + read(agentFile(id, "agent.log")));
    }

    String shutdownBehavior(String id) {
        return ec2.describeInstanceAttribute(
                        r -> r.instanceId(id).attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
                .instanceInitiatedShutdownBehavior()
                .value();
    }

    Path home(String id) {
        return instanceDirectory.apply(id).resolve("home");
    }

    /** A file of the node's autostop agent ({@code state}, {@code idle-since}, {@code agent.log}, ...). */
    Path agentFile(String id, String name) {
        return home(id).resolve(".thunder-ec2/autostop").resolve(name);
    }

    /** The node's live SSH sessions, as the local cloud marks them. */
    long sessions(String id) {
        try (var files = Files.list(instanceDirectory.apply(id).resolve("ssh-sessions"))) {
            return files.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file's text, stripped; empty when it does not exist (yet). */
    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
