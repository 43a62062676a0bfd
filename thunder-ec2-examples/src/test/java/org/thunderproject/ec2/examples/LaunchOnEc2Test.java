package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InvalidSpecException;

/** The EC2 example's arguments and spec; never its launch, which needs AWS. */
final class LaunchOnEc2Test {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void buildsTheSpecFromItsArguments() {
        ClusterSpec spec = LaunchOnEc2.spec(new String[] {"demo", "mykey", "/keys/mykey.pem", "3"}, HOME);
        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.keyName()).contains("mykey");
        assertThat(spec.identityFile()).contains(Path.of("/keys/mykey.pem"));
        assertThat(spec.slaves()).isEqualTo(3);
        // Everything else is the spec's default: the caller's /32, m5.large, Amazon Linux 2023.
        assertThat(spec.authorizedCidrs()).isEmpty();
        assertThat(spec.instanceType()).isEqualTo(ClusterSpec.DEFAULT_INSTANCE_TYPE);
        assertThat(spec.ami()).isEmpty();
    }

    @Test
    void slavesDefaultToOne() {
        assertThat(LaunchOnEc2.spec(new String[] {"demo", "mykey", "/keys/mykey.pem"}, HOME)
                        .slaves())
                .isEqualTo(1);
    }

    @Test
    void aLeadingTildeIsTheHomeDirectory() {
        // -Dexec.args="demo mykey ~/mykey.pem" reaches the program with the tilde intact.
        ClusterSpec spec = LaunchOnEc2.spec(new String[] {"demo", "mykey", "~/mykey.pem"}, HOME);
        assertThat(spec.identityFile()).contains(HOME.resolve("mykey.pem"));
        ClusterSpec relative = LaunchOnEc2.spec(new String[] {"demo", "mykey", "keys/~/mykey.pem"}, HOME);
        assertThat(relative.identityFile()).contains(Path.of("keys/~/mykey.pem"));
    }

    @Test
    void wrongArgumentCountsShowTheUsage() {
        assertThatThrownBy(() -> LaunchOnEc2.spec(new String[] {"demo", "mykey"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LaunchOnEc2.USAGE);
        assertThatThrownBy(() -> LaunchOnEc2.spec(new String[] {"demo", "mykey", "k.pem", "2", "extra"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LaunchOnEc2.USAGE);
    }

    @Test
    void slavesMustBeANumber() {
        assertThatThrownBy(() -> LaunchOnEc2.spec(new String[] {"demo", "mykey", "k.pem", "two"}, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SLAVES must be a number, not 'two'");
    }

    @Test
    void specRulesApplyBeforeAnythingTouchesAws() {
        assertThatThrownBy(() -> LaunchOnEc2.spec(new String[] {"demo", "mykey", "k.pem", "0"}, HOME))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("slaves"));
        assertThatThrownBy(() -> LaunchOnEc2.spec(new String[] {"no spaces", "mykey", "k.pem"}, HOME))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
}
