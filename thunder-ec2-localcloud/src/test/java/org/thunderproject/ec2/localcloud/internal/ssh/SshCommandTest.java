package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Commands over a real OpenSSH client: status, streams, sizes, environment, authentication. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshCommandTest {

    @TempDir
    static Path dir;

    private Nodes nodes;
    private InstanceHost host;

    @BeforeAll
    void setUp() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        host = nodes.newHost();
        nodes.startAndAwait(host);
    }

    @AfterAll
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void exitStatusAndStderrComeBackSeparately() {
        OpenSsh.Result result = nodes.ssh(host, "echo out; echo err >&2; exit 42");
        assertThat(result.exitStatus()).isEqualTo(42);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");

        assertThat(nodes.ssh(host, "true").exitStatus()).isZero();
        assertThat(nodes.ssh(host, "exit 1").exitStatus()).isEqualTo(1);
        OpenSsh.Result missing = nodes.ssh(host, "no-such-command-here");
        assertThat(missing.exitStatus()).isEqualTo(127);
        assertThat(missing.stderr()).contains("not found");
    }

    @Test
    void tenMegabytesOfOutputArriveIntact() throws Exception {
        // The node hashes what it sends (on stderr); the bytes that arrive must hash the same.
        OpenSsh.Result result =
                nodes.ssh(host, "head -c 10485760 /dev/urandom > big && sha256sum big >&2 && cat big && rm big");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.stdout()).hasSize(10 * 1024 * 1024);
        String sent = result.stderr().split(" ")[0];
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(result.stdout())))
                .isEqualTo(sent);
    }

    @Test
    void heavyStdoutAndStderrAtOnceDoNotDeadlock() {
        OpenSsh.Result result = nodes.ssh(host, "(yes err | head -c 5000000 >&2) & yes out | head -c 5000000; wait");
        assertThat(result.exitStatus())
                .as(result.stderr().length() + " bytes on stderr")
                .isZero();
        assertThat(result.stdout()).hasSize(5_000_000);
        assertThat(result.stderr()).hasSize(5_000_000);
    }

    @Test
    void stdinIsStreamedToTheCommand() throws Exception {
        byte[] input = new byte[4 * 1024 * 1024];
        ThreadLocalRandom.current().nextBytes(input);
        OpenSsh.Result result = nodes.ssh(host, input, "sha256sum");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(result.out().split(" ")[0])
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(input)));
    }

    @Test
    void aBackgroundJobThatKeepsTheOutputOpenKeepsTheSessionOpenAsWithOpenSsh() {
        // sshd closes the channel only at EOF of the command's output: the late line still arrives.
        OpenSsh.Result result = nodes.ssh(host, "(sleep 1; echo late) & echo early");
        assertThat(result.exitStatus()).isZero();
        assertThat(result.out()).isEqualTo("early\nlate\n");
    }

    @Test
    void commandsRunInHomeWithTheInstanceEnvironment() {
        OpenSsh.Result result = nodes.ssh(
                host,
                "pwd; echo $HOME; echo $USER $LOGNAME; echo $PATH; echo $THUNDER_LOCALCLOUD_INSTANCE; echo $SSH_CONNECTION");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        String home = host.directory().resolve("home").toString();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo(home);
        assertThat(lines[1]).isEqualTo(home);
        assertThat(lines[2]).isEqualTo(Nodes.USER + " " + Nodes.USER);
        // The node's own shutdown, sudo and the like first: never the host's.
        assertThat(lines[3])
                .isEqualTo(host.directory().resolve("sbin") + ":" + home + "/.local/bin:" + home
                        + "/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        assertThat(lines[4]).isEqualTo(host.instanceId());
        assertThat(lines[5]).endsWith(" " + host.publicAddress() + " " + host.sshPort());
    }

    @Test
    void theJvmEnvironmentDoesNotLeakIntoTheNode() {
        OpenSsh.Result result = nodes.ssh(host, "env");
        assertThat(result.exitStatus()).isZero();
        assertThat(result.out())
                .doesNotContain("MAVEN")
                .doesNotContain("JAVA_TOOL_OPTIONS=")
                .contains("HOME=");
    }

    @Test
    void everyCommandRunsInItsOwnSession() {
        // Like sshd: the command leads a new session, so "kill 0" there never reaches the JVM.
        OpenSsh.Result result = nodes.ssh(host, "ps -o sid= -p $$; echo $$");
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        String[] lines = result.out().strip().split("\\s+");
        assertThat(lines[0]).isEqualTo(lines[1]);
        assertThat(nodes.ssh(host, "kill 0; echo unreachable").exitStatus()).isNotZero();
        assertThat(Nodes.answers(host.publicAddress(), host.sshPort())).isTrue();
    }

    @Test
    void aSignalFromTheClientReachesTheCommand() throws Exception {
        try (org.apache.sshd.client.session.ClientSession session = nodes.session(host, host.publicAddress());
                org.apache.sshd.client.channel.ChannelExec channel = session.createExecChannel(
                        "trap 'echo got TERM; exit 9' TERM; echo ready; while :; do sleep 0.1; done")) {
            Screen out = new Screen();
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(Nodes.TIMEOUT);
            Poll.until("ready", Nodes.TIMEOUT, () -> out.text().contains("ready"));
            // RFC 4254 6.9: a "signal" channel request (MINA's client has no method for it).
            org.apache.sshd.common.util.buffer.Buffer request =
                    session.createBuffer(org.apache.sshd.common.SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            request.putUInt(channel.getRecipient());
            request.putString("signal");
            request.putBoolean(false);
            request.putString("TERM");
            session.writePacket(request);
            channel.waitFor(
                    java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED), Nodes.TIMEOUT);
            assertThat(channel.getExitStatus()).isEqualTo(9);
            assertThat(out.text()).isEqualTo("ready\ngot TERM\n");
        }
    }

    @Test
    void onlyTheInstanceKeyAndUserAreAdmitted() throws Exception {
        assertThat(nodes.ssh(host, "true").exitStatus()).isZero();

        Path otherKey = Nodes.writeIdentity(
                dir.resolve("other_key"), org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-rsa", 2048));
        OpenSsh.Result wrongKey = OpenSsh.ssh(
                otherKey, nodes.knownHosts(host), host.user(), host.publicAddress(), host.sshPort(), null, "true");
        assertThat(wrongKey.exitStatus()).isEqualTo(255);
        assertThat(wrongKey.stderr()).contains("Permission denied (publickey)");

        OpenSsh.Result wrongUser = OpenSsh.ssh(
                nodes.identity, nodes.knownHosts(host), "root", host.publicAddress(), host.sshPort(), null, "true");
        assertThat(wrongUser.exitStatus()).isEqualTo(255);
        assertThat(wrongUser.stderr()).contains("Permission denied (publickey)");

        OpenSsh.Result password = OpenSsh.ssh(
                nodes.identity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                null,
                "-o",
                "PreferredAuthentications=password,keyboard-interactive",
                "true");
        assertThat(password.exitStatus()).isEqualTo(255);
    }

    @Test
    void anInstanceWithoutAKeyPairAdmitsNobody() {
        InstanceHost keyless = nodes.newHost(null);
        nodes.startAndAwait(keyless);
        OpenSsh.Result result = nodes.ssh(keyless, "true");
        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.stderr()).contains("Permission denied");
    }

    @Test
    void aWrongHostKeyIsRefusedByTheClient() throws Exception {
        InstanceHost other = nodes.newHost();
        nodes.startAndAwait(other);
        // known_hosts holds the OTHER instance's key under this instance's address.
        Path wrong = dir.resolve("wrong_known_hosts");
        java.nio.file.Files.writeString(
                wrong,
                "[" + host.publicAddress() + "]:" + host.sshPort() + " "
                        + nodes.hostKeys(other).get(0) + "\n",
                StandardCharsets.UTF_8);
        OpenSsh.Result result =
                OpenSsh.ssh(nodes.identity, wrong, host.user(), host.publicAddress(), host.sshPort(), null, "true");
        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.stderr()).containsIgnoringCase("host key");
    }
}
