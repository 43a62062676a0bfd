package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What an autostop that terminates leaves: every node terminated (by EC2, as the nodes' own
 * shutdown does it), the security groups still there, since EC2 does not delete them. {@code list}
 * and {@code describe} show such a cluster with its groups and the command that removes them, and
 * {@code destroy} removes them (it is not "nothing to destroy").
 */
class LeftoverGroupsTest {

    @TempDir
    Path home;

    @Test
    void aClusterOfOnlyGroupsIsListedWithTheDestroyCommandAndDestroyRemovesThem() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            LocalClouds.createKeyPair(cloud, "mykey", home.resolve("mykey.pem"));
            String local = "thunder-ec2 --local --endpoint-url " + cloud.endpoint();
            Cli cli = Cli.withHome(home);
            Cli.Result launch = cli.run(
                    local(cloud, "-k", "mykey", "-i", "~/mykey.pem", "launch", "left", "--until", "infrastructure"));
            assertThat(launch.exitCode()).as(launch.err()).isZero();
            try (Ec2Client ec2 = cloud.ec2Client()) {
                List<String> ids = LocalClouds.liveInstances(cloud, "left").stream()
                        .map(Instance::instanceId)
                        .toList();
                assertThat(ids).hasSize(2);
                ec2.terminateInstances(r -> r.instanceIds(ids));
            }
            Poll.until(
                    "the nodes to be terminated", Duration.ofMinutes(2), () -> LocalClouds.liveInstances(cloud, "left")
                            .isEmpty());
            assertThat(LocalClouds.groups(cloud, "left")).hasSize(2);

            Cli.Result list = cli.run(local(cloud, "list"));
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out())
                    .containsPattern("(?m)^left +partial +0 +- +- +-$")
                    .containsPattern("Cluster 'left' has no nodes left, only its security groups left-master \\(sg-"
                            + "[0-9a-f]+\\), left-slaves \\(sg-[0-9a-f]+\\): '")
                    .endsWith(": '" + local + " destroy left' removes them.\n");
            Cli.Result describe = cli.run(local(cloud, "describe", "left"));
            assertThat(describe.out())
                    .contains("Cluster left (us-east-1): partial, no master and 0 slaves (0 nodes)")
                    .containsPattern("security groups: left-master \\(sg-[0-9a-f]+\\), left-slaves \\(sg-");

            Cli.Result destroy = cli.run(local(cloud, "destroy", "left", "-y"));
            assertThat(destroy.exitCode()).as(destroy.err()).isZero();
            assertThat(destroy.err()).contains("Cluster 'left' destroyed.").doesNotContain("Nothing to destroy");
            assertThat(LocalClouds.groups(cloud, "left")).isEmpty();
            assertThat(cli.run(local(cloud, "list")).err()).startsWith("No clusters in ");
        }
    }

    private static String[] local(LocalCloud cloud, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--local";
        all[1] = "--endpoint-url";
        all[2] = cloud.endpoint().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return all;
    }
}
