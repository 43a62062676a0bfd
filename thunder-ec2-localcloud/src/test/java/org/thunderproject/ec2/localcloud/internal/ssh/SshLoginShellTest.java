package org.thunderproject.ec2.localcloud.internal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.Poll;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * A login behaves like Amazon Linux's: a bash login shell that reads {@code ~/.bash_profile}, and
 * the node's {@code /root} and {@code /etc/profile.d} are its own directory's, never the host's.
 */
class SshLoginShellTest {

    @TempDir
    Path dir;

    private Nodes nodes;
    private InstanceHost host;

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
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

    @Test
    void aLoginIsABashLoginShellAndRootIsTheNodesOwn() throws Exception {
        Path node = host.directory().toAbsolutePath();
        // What a service would install: a profile.d script and a line in root's .bash_profile.
        Files.writeString(node.resolve("etc/profile.d/probe.sh"), "PROBE_FROM_PROFILE_D=yes\n");
        Files.writeString(
                node.resolve("root/.bash_profile"),
                "ROOT_PROFILE_READ=$((40+2))\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                host.directory().resolve("home/.bash_profile"),
                "USER_PROFILE_READ=yes\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (ClientSession session = nodes.session(host, host.publicAddress());
                ChannelShell shell = session.createShellChannel()) {
            shell.setPtyType("xterm");
            Screen screen = new Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Nodes.TIMEOUT);
            OutputStream keyboard = shell.getInvertedIn();
            type(
                    keyboard,
                    "echo shell-$(basename $BASH)-$(shopt -q login_shell && echo login)-$USER_PROFILE_READ"
                            + "-$PROBE_FROM_PROFILE_D\n");
            Poll.until("login shell in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .contains("shell-bash-login-yes-yes"));
            // As typed in the seed's guide: the node's /root/.bash_profile, not this machine's.
            type(keyboard, "source /root/.bash_profile; echo sourced-$?-$ROOT_PROFILE_READ\n");
            Poll.until("sourced in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .contains("sourced-0-42"));
            type(keyboard, "echo root-is-$THUNDER_NODE_ROOT\n");
            Poll.until("root in " + screen.text(), Nodes.TIMEOUT, () -> screen.text()
                    .contains("root-is-" + node + "\r"));
            type(keyboard, "exit\n");
        }
        assertThat(Files.exists(Path.of("/root/.bash_profile"))
                        && Files.readString(Path.of("/root/.bash_profile")).contains("ROOT_PROFILE_READ"))
                .as("the host's /root/.bash_profile is untouched")
                .isFalse();
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write(line.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }
}
