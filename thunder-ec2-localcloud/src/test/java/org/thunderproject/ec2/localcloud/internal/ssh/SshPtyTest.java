package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/** Interactive shells on a real PTY, driven programmatically, with window changes. */
class SshPtyTest {

    @TempDir
    Path dir;

    private Nodes nodes;
    private InstanceHost host;

    @BeforeEach
    void setUp() {
        assumeTrue(OpenSsh.installed(), "the OpenSSH client (ssh, sftp, ssh-keygen) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' is not installed");
        nodes = Nodes.withBootDelay(dir, Duration.ZERO);
        host = nodes.newHost();
        nodes.startAndAwait(host);
    }

    @AfterEach
    void tearDown() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write(line.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    @Test
    void aPtyShellHasATerminalItsSizeFollowsTheWindowAndItsExitStatusComesBack() throws Exception {
        try (ClientSession session = nodes.session(host, host.publicAddress());
                ChannelShell shell = session.createShellChannel()) {
            shell.setPtyType("xterm");
            shell.setPtyColumns(100);
            shell.setPtyLines(40);
            Screen screen = new Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Nodes.TIMEOUT);
            OutputStream keyboard = shell.getInvertedIn();

            type(keyboard, "tty; echo TERM=$TERM; pwd\n");
            Poll.until("tty output in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .contains("TERM=xterm"));
            assertThat(screen.text()).containsPattern("/dev/pts/\\d+");
            assertThat(screen.text()).contains(host.directory().resolve("home").toString());

            type(keyboard, "stty size\n");
            Poll.until("initial size in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .contains("40 100"));

            shell.sendWindowChange(132, 50);
            // The resize is applied asynchronously: ask again until the terminal reports it.
            long[] lastAsk = {0};
            Poll.until("new size in " + screen.text(), Nodes.TIMEOUT, () -> {
                if (screen.text().contains("50 132")) {
                    return true;
                }
                if (System.nanoTime() - lastAsk[0] > Duration.ofMillis(300).toNanos()) {
                    lastAsk[0] = System.nanoTime();
                    try {
                        type(keyboard, "stty size\n");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
                return false;
            });

            type(keyboard, "exit 7\n");
            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Nodes.TIMEOUT);
            assertThat(shell.getExitStatus()).isEqualTo(7);
        }
    }

    @Test
    void openSshWithForcedTtyRunsTheCommandOnATerminal() {
        OpenSsh.Result result = OpenSsh.ssh(
                nodes.identity,
                nodes.knownHosts(host),
                host.user(),
                host.publicAddress(),
                host.sshPort(),
                new byte[0],
                "-tt",
                "tty; [ -t 0 ] && echo interactive; exit 3");
        assertThat(result.exitStatus()).as(result.stderr()).isEqualTo(3);
        assertThat(result.out()).containsPattern("/dev/pts/\\d+").contains("interactive");

        OpenSsh.Result plain = nodes.ssh(host, "tty; true");
        assertThat(plain.out()).contains("not a tty");
    }

    @Test
    void aPtySessionsBackgroundJobSurvivesTheShellAndDiesOnStop() throws Exception {
        long pid;
        try (ClientSession session = nodes.session(host, host.publicAddress());
                ChannelShell shell = session.createShellChannel()) {
            Screen screen = new Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Nodes.TIMEOUT);
            OutputStream keyboard = shell.getInvertedIn();
            type(keyboard, "nohup sleep 1000 > /dev/null 2>&1 & echo PID=$!\n");
            Poll.until("pid in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .matches("(?s).*PID=\\d+\\r?\\n.*"));
            String text = screen.text();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("PID=(\\d+)\\r?\\n").matcher(text);
            assertThat(m.find()).isTrue();
            pid = Long.parseLong(m.group(1));
            type(keyboard, "exit\n");
            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Nodes.TIMEOUT);
        }
        assertThat(SshProcessTest.running(pid))
                .as("survives the closed terminal (nohup)")
                .isTrue();
        nodes.runtime.stopped(host.instanceId());
        Poll.until("killed on stop", Nodes.TIMEOUT, () -> !SshProcessTest.running(pid));
    }
}
