package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types: parsing, validation, rendering. */
class ValuesTest {

    @Test
    void localForwardsParseLikeSshDashL() {
        assertThat(LocalForward.parse("8888:8888").toString()).isEqualTo("127.0.0.1:8888:127.0.0.1:8888");
        assertThat(LocalForward.parse("9000:db.internal:5432").toString()).isEqualTo("127.0.0.1:9000:db.internal:5432");
        assertThat(LocalForward.parse("0.0.0.0:9000:localhost:80"))
                .isEqualTo(LocalForward.of("0.0.0.0", 9000, "localhost", 80));
        assertThat(LocalForward.of(0, 4040).localPort()).isZero();
        assertThatThrownBy(() -> LocalForward.parse("8888"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOCAL:REMOTE");
        assertThatThrownBy(() -> LocalForward.parse("x:80")).hasMessageContaining("'x' is not a port number");
        assertThatThrownBy(() -> LocalForward.parse("80:0")).hasMessageContaining("remote port must be 1-65535");
        assertThatThrownBy(() -> LocalForward.parse("70000:80")).hasMessageContaining("local port");
    }

    @Test
    void shellEnvironmentNamesMustBeShellVariables() {
        ShellOptions options =
                ShellOptions.defaults().withEnvironment(java.util.Map.of("THUNDER_EC2_FORWARDS", "8890:8888"));
        assertThat(options.environment()).containsEntry("THUNDER_EC2_FORWARDS", "8890:8888");
        assertThat(options.withSize(100, 30).environment()).isEqualTo(options.environment());
        assertThat(ShellOptions.defaults().environment()).isEmpty();
        assertThat(options.toString()).contains("THUNDER_EC2_FORWARDS").doesNotContain("8890");
        assertThatThrownBy(() -> ShellOptions.defaults().withEnvironment(java.util.Map.of("A=B", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a shell variable name");
        assertThatThrownBy(() -> ShellOptions.defaults().withEnvironment(java.util.Map.of("1X", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetsValidateAndDefaultTheirHostId() {
        SshTarget t = SshTarget.of("54.1.2.3", "ec2-user");
        assertThat(t.port()).isEqualTo(22);
        assertThat(t.hostId()).isEqualTo("54.1.2.3");
        assertThat(SshTarget.of("10.0.0.1", 2222, "root").hostId()).isEqualTo("[10.0.0.1]:2222");
        SshTarget moved = t.withHostId("i-0abc").withAddress("54.9.9.9", 22);
        assertThat(moved.hostId()).isEqualTo("i-0abc");
        assertThat(moved.host()).isEqualTo("54.9.9.9");
        assertThat(moved.toString()).isEqualTo("ec2-user@54.9.9.9:22 (i-0abc)");
        assertThatThrownBy(() -> SshTarget.of("-oProxyCommand=x", "u")).hasMessageContaining("host");
        assertThatThrownBy(() -> SshTarget.of("h", "bad user")).hasMessageContaining("user");
        assertThatThrownBy(() -> SshTarget.of("h", 0, "u")).hasMessageContaining("port");
        assertThatThrownBy(() -> t.withHostId("i-*")).hasMessageContaining("hostId");
        assertThatThrownBy(() -> t.withHostId("a,b")).hasMessageContaining("hostId");
    }

    @Test
    void theCommandLineIsQuotedForAShell() {
        SshTarget t = SshTarget.of("54.1.2.3", 2222, "ec2-user").withHostId("i-0abc");
        SshCommandLine line = SshCommandLine.of(
                t,
                Path.of("/home/me/my keys/k.pem"),
                Path.of("/home/me/.thunder-ec2/known_hosts"),
                List.of(LocalForward.parse("8888:8888")));
        assertThat(line.toString())
                .isEqualTo("ssh -i '/home/me/my keys/k.pem' -o IdentitiesOnly=yes -p 2222"
                        + " -o UserKnownHostsFile=/home/me/.thunder-ec2/known_hosts -o HostKeyAlias=i-0abc"
                        + " -o StrictHostKeyChecking=yes -L 127.0.0.1:8888:127.0.0.1:8888 ec2-user@54.1.2.3");
        assertThat(line.withCommand("echo 'hi'").toString()).endsWith("ec2-user@54.1.2.3 'echo '\\''hi'\\'''");
        assertThat(line.arguments()).startsWith("ssh", "-i", "/home/me/my keys/k.pem");
        SshCommandLine noKey = SshCommandLine.of(SshTarget.of("h", "u"), null, Path.of("/kh"), List.of());
        assertThat(noKey.toString())
                .isEqualTo("ssh -o UserKnownHostsFile=/kh -o HostKeyAlias=h -o StrictHostKeyChecking=yes u@h");
    }

    @Test
    void execResultsSayHowTheCommandEnded() {
        SshTarget t = SshTarget.of("h", "u");
        ExecResult killed = ExecResult.of(t, "sleep 9", null, "KILL", "", false, "", false, Duration.ZERO);
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.isSuccess()).isFalse();
        assertThatThrownBy(killed::requireSuccess)
                .hasMessageContaining("killed by signal KILL")
                .hasMessageContaining("sleep 9");
        assertThat(ExecResult.of(t, "x", null, null, "", false, "", false, Duration.ZERO)
                        .exitCode())
                .isEqualTo(-1);
        assertThatThrownBy(() -> Exec.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Exec.of("x").withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Exec.of("x").withStdin("secret").toString()).doesNotContain("secret");
    }
}
