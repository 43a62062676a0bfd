package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * A node's {@code ~/.ssh/authorized_keys} over a real OpenSSH client, as on EC2: seeded once with
 * the key pair's key, read at every login, and its options honoured ({@code command="…"} instead of
 * what the client asks, {@code restrict}: no PTY, no forwarding; options it cannot honour: not used).
 */
class SshAuthorizedKeysTest {

    @TempDir
    Path dir;

    private Nodes nodes;
    private InstanceHost host;
    private Path home;
    private Path otherIdentity;
    private String otherKey;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        host = nodes.newHost();
        nodes.startAndAwait(host);
        home = host.directory().resolve("home");
        KeyPair other = KeyUtils.generateKeyPair("ssh-rsa", 2048);
        otherIdentity = Nodes.writeIdentity(dir.resolve("id_other"), other);
        otherKey = PublicKeyEntry.toString(other.getPublic()) + " other@thunder";
    }

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theKeyPairsKeyIsSeededOnceAndTheFileIsReadAtEveryLogin() throws Exception {
        Path file = home.resolve(".ssh/authorized_keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(nodes.authorizedKey + "\n");
        assertThat(other("echo hi").exitStatus()).isEqualTo(255);

        // Added while the node runs: the next login uses it, no restart.
        append(otherKey);
        OpenSsh.Result added = other("echo hi");
        assertThat(added.exitStatus()).as(added.stderr()).isZero();
        assertThat(added.out()).isEqualTo("hi\n");

        // The key pair's key removed: refused at once, and a stop/start does not put it back (once per instance).
        Files.writeString(file, otherKey + "\n");
        assertThat(nodes.ssh(host, "true").exitStatus()).isEqualTo(255);
        nodes.runtime.stopped(host.instanceId());
        InstanceHost again = Nodes.restarted(host);
        nodes.startAndAwait(again);
        assertThat(Files.readString(file)).isEqualTo(otherKey + "\n");
        OpenSsh.Result refused = nodes.ssh(again, "true");
        assertThat(refused.exitStatus()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Permission denied");

        assertThat(ssh(otherIdentity, again).exitStatus()).isZero();

        // StrictModes: a file others may write admits nobody.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(ssh(otherIdentity, again).exitStatus()).isEqualTo(255);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ssh(otherIdentity, again).exitStatus()).isZero();
    }

    private OpenSsh.Result ssh(Path identity, InstanceHost to) {
        return OpenSsh.ssh(identity, nodes.knownHosts(to), to.user(), to.publicAddress(), to.sshPort(), null, "true");
    }

    @Test
    void aForcedCommandRunsInsteadOfACommandAShellOrSftpWithoutPtyOrForwarding() throws Exception {
        Files.writeString(
                home.resolve("forced.sh"),
                "printf '%s\\n' \"$SSH_ORIGINAL_COMMAND\" >> forced.log\n"
                        + "echo \"forced [${SSH_ORIGINAL_COMMAND-unset}]\"\n"
                        + "if [ -t 0 ]; then echo tty; else echo notty; fi\n");
        append("restrict,command=\"sh forced.sh\" " + otherKey);

        OpenSsh.Result command = other("touch asked-for; echo asked");
        assertThat(command.exitStatus()).as(command.stderr()).isZero();
        assertThat(command.out()).isEqualTo("forced [touch asked-for; echo asked]\nnotty\n");
        assertThat(home.resolve("asked-for")).doesNotExist();

        OpenSsh.Result shell = other("");
        assertThat(shell.exitStatus()).as(shell.stderr()).isZero();
        assertThat(shell.out()).isEqualTo("forced [unset]\nnotty\n");

        // A PTY asked for with -tt is refused, and ssh gives up, as against sshd (a refusal it was told to expect is
        // fatal).
        OpenSsh.Result pty = other("-tt", "-o", "LogLevel=INFO", "echo asked");
        assertThat(pty.stderr()).contains("PTY allocation request failed");
        assertThat(pty.exitStatus()).isEqualTo(255);

        // Forwarding: the key pair's key reaches a server on the node's address through the node; this key does not.
        HttpServer web = HttpServer.create(new InetSocketAddress(host.privateAddress(), 0), 0);
        web.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
            }
        });
        web.start();
        try {
            String target = host.privateAddress() + ":" + web.getAddress().getPort();
            byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            OpenSsh.Result allowed = OpenSsh.ssh(
                    nodes.identity,
                    nodes.knownHosts(host),
                    host.user(),
                    host.publicAddress(),
                    host.sshPort(),
                    request,
                    "-W",
                    target,
                    "");
            assertThat(allowed.out())
                    .as(allowed.stderr())
                    .startsWith("HTTP/1.1 200")
                    .endsWith("ok");
            OpenSsh.Result forward = OpenSsh.ssh(
                    otherIdentity,
                    nodes.knownHosts(host),
                    host.user(),
                    host.publicAddress(),
                    host.sshPort(),
                    request,
                    "-o",
                    "LogLevel=INFO",
                    "-W",
                    target,
                    "");
            assertThat(forward.exitStatus()).isEqualTo(255);
            assertThat(forward.stderr()).contains("administratively prohibited");
            assertThat(forward.out()).isEmpty();
        } finally {
            web.stop(0);
        }

        OpenSsh.Result sftp = OpenSsh.sftp(
                otherIdentity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                "put " + otherIdentity + " stolen\n");
        assertThat(sftp.exitStatus()).isNotZero();
        assertThat(home.resolve("stolen")).doesNotExist();
        Poll.until("the forced command ran for SFTP", Nodes.TIMEOUT, () -> read(home.resolve("forced.log"))
                .contains(ForcedCommands.SFTP_SERVER));
    }

    @Test
    void aLineWithAnOptionTheCloudCannotHonourIsNotUsed() throws Exception {
        append("from=\"127.0.0.1\" " + otherKey);
        OpenSsh.Result result = other("echo hi");
        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.stderr()).contains("Permission denied");
        // The same key on a plain line is admitted: it was the option that kept it out.
        append(otherKey);
        assertThat(other("echo hi").out()).isEqualTo("hi\n");
    }

    private OpenSsh.Result other(String... commandAndExtraOptions) {
        return OpenSsh.ssh(
                otherIdentity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                null,
                commandAndExtraOptions);
    }

    private void append(String line) throws Exception {
        Files.writeString(
                home.resolve(".ssh/authorized_keys"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
