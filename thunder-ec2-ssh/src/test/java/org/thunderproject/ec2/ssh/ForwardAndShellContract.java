package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.ScriptedInput;
import org.thunderproject.ec2.ssh.testing.TestServer;

/** Port forwards and interactive shells, and that closing a session ends every one it opened. */
interface ForwardAndShellContract extends SshFixture {

    @Test
    default void aPortForwardServesHttpFromTheNodeSideAndClosesCleanly() throws Exception {
        TestServer server = server(12);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body =
                    ("hello from the node: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        closeLater(() -> http.stop(0));
        int localPort;
        try (SshSession s = ssh().connect(server.target());
                PortForward forward = s.forward(LocalForward.of(
                        "127.0.0.1", 0, "127.0.0.1", http.getAddress().getPort()))) {
            localPort = forward.localPort();
            assertThat(localPort).isPositive().isNotEqualTo(http.getAddress().getPort());
            assertThat(forward.isOpen()).isTrue();
            assertThat(get(localPort, "/one")).isEqualTo("hello from the node: /one");
            assertThat(get(localPort, "/two")).isEqualTo("hello from the node: /two");
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", localPort).close());
        // A connection that ended on its own leaves the forward a moment before its thread returns:
        // wait on those threads (bounded), then require that none is left.
        String prefix = "thunder-ssh-forward-" + localPort;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                t.join(5_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());

        // A forward with its own connection, as a cluster hands out: closing it disconnects too.
        PortForward own = ssh().forward(
                        server.target(), LocalForward.of(0, http.getAddress().getPort()));
        try (own) {
            assertThat(get(own.localPort(), "/own")).isEqualTo("hello from the node: /own");
        }
        assertThat(own.isOpen()).isFalse();
    }

    @Test
    default void aPtyShellCanBeDrivenProgrammatically() throws Exception {
        TestServer server = server(13);
        try (SshSession s = ssh().connect(server.target())) {
            try (InteractiveShell shell = s.openShell(ShellOptions.defaults().withSize(100, 40))) {
                shell.input().write("echo $((6*7)); tty; stty size; exit 7\n".getBytes(StandardCharsets.UTF_8));
                shell.input().flush();
                String out = new String(shell.output().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(shell.waitFor(Duration.ofSeconds(20))).isEqualTo(7);
                // The command line is echoed back; its results are not in it.
                assertThat(out).contains("42").contains("/dev/pts/").contains("40 100");
            }

            ScriptedInput terminal = new ScriptedInput("echo $((5*5)); exit 5\n");
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            int status = s.shell(ShellOptions.defaults(), terminal, screen);
            terminal.close();
            assertThat(status).isEqualTo(5);
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("25");

            ScriptedInput user = new ScriptedInput("echo $((9*9)); exit 0\n");
            ByteArrayOutputStream terminalScreen = new ByteArrayOutputStream();
            assertThat(ssh().login(server.target(), ShellOptions.defaults().withTerm("vt100"), user, terminalScreen))
                    .isZero();
            user.close();
            assertThat(terminalScreen.toString(StandardCharsets.UTF_8)).contains("81");

            // Variables reach the login shell without the server's AcceptEnv, quotes and all.
            try (InteractiveShell shell = s.openShell(
                    ShellOptions.defaults().withEnvironment(java.util.Map.of("THUNDER_PROBE", "it's 8890:8888")))) {
                shell.input().write("echo \"[$THUNDER_PROBE]\"; exit 3\n".getBytes(StandardCharsets.UTF_8));
                shell.input().flush();
                assertThat(new String(shell.output().readAllBytes(), StandardCharsets.UTF_8))
                        .contains("[it's 8890:8888]");
                assertThat(shell.waitFor(Duration.ofSeconds(20))).isEqualTo(3);
            }

            if (server.resizablePty()) {
                try (InteractiveShell shell = s.openShell(ShellOptions.defaults())) {
                    shell.resize(120, 50);
                    shell.input().write("stty size; exit\n".getBytes(StandardCharsets.UTF_8));
                    shell.input().flush();
                    assertThat(new String(shell.output().readAllBytes(), StandardCharsets.UTF_8))
                            .contains("50 120");
                    assertThat(shell.waitFor(Duration.ofSeconds(20))).isZero();
                }
            }
        }
    }

    @Test
    default void aShellKeepsItsPortForwardsOpenWhileItRuns() throws Exception {
        TestServer server = server(14);
        int port;
        try (SshSession s = ssh().connect(server.target());
                InteractiveShell shell = s.openShell(ShellOptions.defaults()
                        .withForward(LocalForward.parse("0:" + server.host() + ":" + server.port())))) {
            assertThat(shell.forwards()).hasSize(1);
            port = shell.forwards().get(0).localPort();
            // Through the forward to the server's own SSH port: it greets with its banner.
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertThat(readLine(socket.getInputStream())).startsWith("SSH-2.0-");
            }
            shell.input().write("exit 0\n".getBytes(StandardCharsets.UTF_8));
            shell.input().flush();
            assertThat(shell.waitFor(Duration.ofSeconds(20))).isZero();
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    default void closingASessionEndsEverythingItOpened() throws Exception {
        TestServer server = server(19);
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        SshSession s = ssh().connect(server.target());
        assertThat(s.exec("echo warm").stdout()).isEqualTo("warm\n");
        PortForward forward = s.forward(LocalForward.of("127.0.0.1", 0, server.host(), server.port()));
        Socket through = closeLater(new Socket("127.0.0.1", forward.localPort()));
        assertThat(readLine(through.getInputStream())).startsWith("SSH-2.0-");
        InteractiveShell shell = s.openShell(ShellOptions.defaults());
        assertThat(s.isOpen()).isTrue();

        s.close();

        assertThat(s.isOpen()).isFalse();
        assertThat(forward.isOpen()).isFalse();
        assertThat(shell.isOpen()).isFalse();
        assertThatThrownBy(() -> s.exec("true"))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("is closed");
        List<Thread> ours = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t)
                    && (t.getName().startsWith("thunder-ssh") || t.getName().startsWith("sshj-"))) {
                ours.add(t);
            }
        }
        for (Thread t : ours) {
            t.join(10_000);
            assertThat(t.isAlive()).as(t.getName() + " still runs").isFalse();
        }
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getInputStream()) {
            assertThat(c.getResponseCode()).isEqualTo(200);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }
}
