package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ssh.testing.Commands;
import org.thunderproject.ec2.ssh.testing.ScriptedInput;
import org.thunderproject.ec2.ssh.testing.TestServer;

/**
 * What every SSH server a node may run must support, checked against a real server: MINA SSHD
 * (the local cloud's nodes) and OpenSSH (real instances). Servers listen on 127.77.x.y.
 */
abstract class SshContractTest {
    static final SshSettings FAST = SshSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withReadTimeout(Duration.ofSeconds(15))
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(500));

    @TempDir
    Path tmp;

    KnownHosts knownHosts;
    Identity identity;
    Ssh ssh;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** A new host key for this kind of server. */
    abstract Object newHostKey();

    /** Starts a server of this kind (port 0 = any free port). */
    abstract TestServer startServer(String address, int port, Object hostKey);

    /** A loopback address for this kind of server, numbered 1..250. */
    abstract String address(int n);

    /** The user this kind of server logs in. */
    abstract String user();

    @BeforeEach
    void setUp() {
        knownHosts = KnownHosts.at(tmp.resolve("thunder-home/known_hosts"));
        identity = Identity.fromKeyPair(TestKeys.ec());
        ssh = Ssh.builder()
                .identity(identity)
                .knownHosts(knownHosts)
                .settings(FAST)
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T c) {
        cleanup.add(c);
        return c;
    }

    TestServer server(int n) {
        return server(n, 0, newHostKey());
    }

    TestServer server(int n, int port, Object hostKey) {
        TestServer s = closeLater(startServer(address(n), port, hostKey));
        s.authorize(identity.authorizedKey());
        return s;
    }

    @Test
    void execReportsOutputAndExitStatuses() {
        TestServer server = server(1);
        try (SshSession s = ssh.connect(server.target())) {
            ExecResult ok = s.exec("echo out; echo err >&2");
            assertThat(ok.isSuccess()).isTrue();
            assertThat(ok.exitStatus()).hasValue(0);
            assertThat(ok.stdout()).isEqualTo("out\n");
            assertThat(ok.stderr()).isEqualTo("err\n");

            ExecResult three = s.exec("echo failing >&2; exit 3");
            assertThat(three.exitStatus()).hasValue(3);
            assertThat(three.isSuccess()).isFalse();
            assertThatThrownBy(three::requireSuccess)
                    .isInstanceOf(SshCommandException.class)
                    .hasMessageContaining("exit status 3")
                    .hasMessageContaining("failing")
                    .hasMessageContaining(server.host());

            ExecResult killed = s.exec("kill -9 $$");
            assertThat(killed.isSuccess()).isFalse();
            // OpenSSH reports the signal; MINA reports the JVM's view of it, status 128 + 9.
            assertThat(killed.exitCode()).isEqualTo(137);
            killed.exitSignal().ifPresent(sig -> assertThat(sig).isEqualTo("KILL"));

            ExecResult stdin = s.exec(Exec.of("tr a-z A-Z").withStdin("piped in"));
            assertThat(stdin.stdout()).isEqualTo("PIPED IN");
        }
        assertThat(ssh.exec(server.target(), Exec.of("echo one-off")).stdout()).isEqualTo("one-off\n");
    }

    @Test
    void tenMegabytesOfOutputOnBothStreamsAtOnce() {
        TestServer server = server(2);
        long outBytes = 10L << 20;
        long errBytes = 2L << 20;
        AtomicLong outChars = new AtomicLong();
        AtomicLong errChars = new AtomicLong();
        AtomicBoolean onlyX = new AtomicBoolean(true);
        String cmd = "(head -c " + errBytes + " /dev/zero | tr '\\0' e | fold -w 99 >&2) &" + " head -c " + outBytes
                + " /dev/zero | tr '\\0' x | fold -w 99; wait";
        try (SshSession s = ssh.connect(server.target())) {
            ExecResult r = s.exec(Exec.of(cmd)
                    .withTimeout(Duration.ofSeconds(60))
                    .onStdoutLine(line -> {
                        outChars.addAndGet(line.length());
                        if (!line.chars().allMatch(c -> c == 'x')) {
                            onlyX.set(false);
                        }
                    })
                    .onStderrLine(line -> errChars.addAndGet(line.length())));
            assertThat(r.exitStatus()).hasValue(0);
            assertThat(outChars.get()).isEqualTo(outBytes);
            assertThat(errChars.get()).isEqualTo(errBytes);
            assertThat(onlyX).isTrue();
            // Only the first MiB of each stream is kept.
            assertThat(r.stdoutTruncated()).isTrue();
            assertThat(r.stdout()).hasSize(Exec.DEFAULT_OUTPUT_LIMIT);
            assertThat(r.stderrTruncated()).isTrue();
        }
    }

    @Test
    void execTimeoutStopsTheCommandAndKeepsTheSession() {
        TestServer server = server(3);
        try (SshSession s = ssh.connect(server.target())) {
            long start = System.nanoTime();
            SshTimeoutException e = assertThrows(
                    SshTimeoutException.class,
                    // Short: OpenSSH refuses signals for root logins, so the sleep outlives the timeout.
                    () -> s.exec(Exec.of("sleep 5").withTimeout(Duration.ofMillis(300))));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(e.getMessage()).contains("did not finish within 300 ms").contains("sleep 5");
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(s.exec("echo still here").stdout()).isEqualTo("still here\n");
        }
    }

    @Test
    void waitsWhileRefusedThenConnectsOnceTheServerIsUp() throws Exception {
        String address = address(4);
        int port = freePort(address);
        Object hostKey = newHostKey();
        List<SshException> failures = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> starter = new AtomicReference<>();
        ReadyListener startOnSecondFailure = (target, attempt, failure, next) -> {
            failures.add(failure);
            if (attempt == 2) {
                Thread t = new Thread(() -> server(4, port, hostKey), "test-server-starter");
                starter.set(t);
                t.start();
            }
        };
        SshTarget target = SshTarget.of(address, port, user()).withHostId("i-0booting");
        try (SshSession s = ssh.connectWhenReady(target, Duration.ofSeconds(60), startOnSecondFailure)) {
            assertThat(s.exec("echo up").stdout()).isEqualTo("up\n");
        }
        starter.get().join();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
        assertThat(failures.get(0)).isInstanceOf(SshConnectException.class);
        assertThat(failures.get(0).getMessage()).contains("connection refused").contains(address);
    }

    @Test
    void waitsWhileTheKeyIsRejectedThenConnectsOnceItIsAuthorized() {
        TestServer server = closeLater(startServer(address(5), 0, newHostKey()));
        List<SshException> failures = new CopyOnWriteArrayList<>();
        ReadyListener authorizeOnFirstRejection = (target, attempt, failure, next) -> {
            failures.add(failure);
            if (failure instanceof SshAuthenticationException && failures.size() == 1) {
                server.authorize(identity.authorizedKey());
            }
        };
        try (SshSession s = ssh.connectWhenReady(server.target(), Duration.ofSeconds(60), authorizeOnFirstRejection)) {
            assertThat(s.exec("echo in").stdout()).isEqualTo("in\n");
        }
        assertThat(failures).first().isInstanceOf(SshAuthenticationException.class);
    }

    @Test
    void aWrongKeyFailsWithAClearError() {
        TestServer server = server(6);
        Identity stranger = Identity.fromKeyPair(TestKeys.ec());
        Ssh other = Ssh.builder()
                .identity(stranger)
                .knownHosts(knownHosts)
                .settings(FAST)
                .build();

        SshAuthenticationException once =
                assertThrows(SshAuthenticationException.class, () -> other.connect(server.target()));
        assertThat(once.getMessage())
                .contains("refused the key " + stranger.fingerprint())
                .contains("'" + server.user() + "'")
                .contains(server.host());

        long start = System.nanoTime();
        SshNotReadyException waited = assertThrows(
                SshNotReadyException.class, () -> other.connectWhenReady(server.target(), Duration.ofSeconds(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(waited.getMessage())
                .contains("was not ready after")
                .contains(server.host())
                .contains("refused the key");
        // (That rejections are retried is shown by the key-rejected-then-accepted test.)
        assertThat(waited.attempts()).isPositive();
        assertThat(waited.lastFailure()).isInstanceOf(SshAuthenticationException.class);
        assertThat(waited.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aChangedHostKeyIsRefusedWithWhatChangedAndHowToReset() throws IOException {
        TestServer first = server(7);
        SshTarget target = first.target().withHostId("i-0abc");
        try (SshSession s = ssh.connect(target)) {
            assertThat(s.hostKey()).isEqualTo(HostKeyFingerprint.of(first.hostKey()));
        }
        assertThat(Files.readString(knownHosts.file())).startsWith("i-0abc ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(knownHosts.file().getParent())))
                .isEqualTo("rwx------");

        TestServer impostor = server(7, 0, newHostKey());
        SshTarget moved = target.withAddress(impostor.host(), impostor.port());
        String oldFp = HostKeyFingerprint.of(first.hostKey()).toString();
        String newFp = HostKeyFingerprint.of(impostor.hostKey()).toString();

        SshHostKeyException e = assertThrows(SshHostKeyException.class, () -> ssh.connect(moved));
        assertThat(e.getMessage())
                .contains("i-0abc")
                .contains("has changed")
                .contains(oldFp)
                .contains(newFp)
                .contains(knownHosts.file().toString())
                .contains("line 1")
                .contains("KnownHosts.forget(\"i-0abc\")")
                .contains("ssh-keygen -R 'i-0abc'");
        assertThat(e.hostId()).isEqualTo("i-0abc");
        assertThat(e.presentedFingerprint()).isEqualTo(newFp);
        assertThat(e.knownFingerprints()).containsExactly(oldFp);

        // Never retried: it is not a booting host.
        long start = System.nanoTime();
        assertThrows(SshHostKeyException.class, () -> ssh.connectWhenReady(moved, Duration.ofSeconds(30)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        assertThat(knownHosts.forget("i-0abc")).isTrue();
        try (SshSession s = ssh.connect(moved)) {
            assertThat(s.hostKey().toString()).isEqualTo(newFp);
        }
    }

    @Test
    void theSameHostIdAtANewAddressWithTheSameKeyIsAccepted() {
        Object hostKey = newHostKey();
        TestServer before = server(8, 0, hostKey);
        SshTarget target = before.target().withHostId("i-0stopstart");
        ssh.connect(target).close();
        before.close();

        TestServer after = server(9, 0, hostKey);
        SshTarget restarted = target.withAddress(after.host(), after.port());
        try (SshSession s = ssh.connect(restarted)) {
            assertThat(s.exec("echo back").stdout()).isEqualTo("back\n");
        }
        assertThat(knownHosts.fingerprints("i-0stopstart")).hasSize(1);
    }

    @Test
    void firstContactIsPinnedToTheFingerprintsInTheConsoleOutput() {
        TestServer server = server(10);
        HostKeyFingerprints printed = HostKeyFingerprints.fromConsoleOutput(server.consoleOutput());
        assertThat(printed.isEmpty()).isFalse();
        try (SshSession s = ssh.connect(server.target().withHostId("i-0pinned").withExpectedHostKeys(printed))) {
            assertThat(printed.fingerprints()).contains(s.hostKey());
        }
        assertThat(knownHosts.fingerprints("i-0pinned")).hasSize(1);

        TestServer other = server(11);
        SshTarget mismatched = other.target().withHostId("i-0other").withExpectedHostKeys(printed);
        SshHostKeyException e = assertThrows(SshHostKeyException.class, () -> ssh.connect(mismatched));
        assertThat(e.getMessage())
                .contains("does not match the fingerprints")
                .contains(HostKeyFingerprint.of(other.hostKey()).toString())
                .contains(printed.fingerprints().get(0).toString());
        assertThat(knownHosts.fingerprints("i-0other")).isEmpty();
    }

    @Test
    void aPortForwardServesHttpFromTheNodeSideAndClosesCleanly() throws Exception {
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
        try (SshSession s = ssh.connect(server.target());
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
        PortForward own = ssh.forward(
                server.target(), LocalForward.of(0, http.getAddress().getPort()));
        try (own) {
            assertThat(get(own.localPort(), "/own")).isEqualTo("hello from the node: /own");
        }
        assertThat(own.isOpen()).isFalse();
    }

    @Test
    void aPtyShellCanBeDrivenProgrammatically() throws Exception {
        TestServer server = server(13);
        try (SshSession s = ssh.connect(server.target())) {
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
            assertThat(ssh.login(server.target(), ShellOptions.defaults().withTerm("vt100"), user, terminalScreen))
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
    void aShellKeepsItsPortForwardsOpenWhileItRuns() throws Exception {
        TestServer server = server(14);
        int port;
        try (SshSession s = ssh.connect(server.target());
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
    void uploadsADirectoryTreeKeepingModes() throws IOException {
        TestServer server = server(15);
        Path tree = Files.createDirectories(tmp.resolve("local/tree"));
        write(tree.resolve("a.txt"), "alpha", "rw-r-----");
        write(tree.resolve("run.sh"), "#!/bin/sh\necho ran\n", "rwxr-xr-x");
        Files.createDirectories(tree.resolve("sub"));
        write(tree.resolve("sub/key"), "k", "rw-------");
        Files.createDirectories(tree.resolve("ro"));
        write(tree.resolve("ro/file"), "read only", "r--r--r--");
        Files.setPosixFilePermissions(tree.resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(tree.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-x---"));
        Path remote = tmp.resolve("remote/deep/tree");

        try (SshSession s = ssh.connect(server.target())) {
            s.upload(tree, remote.toString());
            assertThat(modes(remote))
                    .containsExactly(
                            ". rwxr-x---",
                            "a.txt rw-r-----",
                            "ro r-xr-xr-x",
                            "ro/file r--r--r--",
                            "run.sh rwxr-xr-x",
                            "sub rwx------",
                            "sub/key rw-------");
            assertThat(Files.readString(remote.resolve("ro/file"))).isEqualTo("read only");
            assertThat(s.exec(remote.resolve("run.sh").toString()).stdout()).isEqualTo("ran\n");
            assertThat(Files.getLastModifiedTime(remote.resolve("a.txt")).toMillis() / 1000)
                    .isEqualTo(Files.getLastModifiedTime(tree.resolve("a.txt")).toMillis() / 1000);

            // Again over the existing copy (read-only parts included): replaced and merged.
            Files.writeString(tree.resolve("a.txt"), "beta");
            s.upload(tree, remote.toString());
            assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("beta");
            assertThat(modes(remote)).contains("ro r-xr-xr-x", "a.txt rw-r-----");

            Path single = tmp.resolve("remote/single.sh");
            s.upload(tree.resolve("run.sh"), single.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(single)))
                    .isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    void secretsAreWrittenOwnerOnlyFromTheStart() throws IOException {
        TestServer server = server(16);
        Path fresh = tmp.resolve("secrets/nested/token");
        Path existing = Files.writeString(tmp.resolve("world-readable"), "old old old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        try (SshSession s = ssh.connect(server.target())) {
            s.writeSecret(fresh.toString(), "s3cret");
            assertThat(Files.readString(fresh)).isEqualTo("s3cret");
            assertThat(perms(fresh)).isEqualTo("rw-------");
            assertThat(perms(fresh.getParent())).isEqualTo("rwx------");
            assertThat(perms(fresh.getParent().getParent())).isEqualTo("rwx------");

            s.writeSecret(existing.toString(), "new".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(existing)).isEqualTo("new");
            assertThat(perms(existing)).isEqualTo("rw-------");

            Path plain = tmp.resolve("plain.conf");
            s.writeFile(plain.toString(), "a=1\n".getBytes(StandardCharsets.UTF_8), 0644);
            assertThat(perms(plain)).isEqualTo("rw-r--r--");
            assertThat(new String(s.readFile(fresh.toString()), StandardCharsets.UTF_8))
                    .isEqualTo("s3cret");
        }
    }

    @Test
    void keysInEveryCommonFormatLogIn() throws IOException {
        Assumptions.assumeTrue(Commands.find("ssh-keygen").isPresent(), "ssh-keygen (openssh-client) is not installed");
        TestServer server = server(17);
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        record Case(String name, Path file, String passphrase) {}
        List<Case> cases = List.of(
                new Case(
                        "RSA PEM (EC2)",
                        Commands.keygen(keys.resolve("rsa.pem"), "rsa", "", "-b", "2048", "-m", "PEM"),
                        null),
                new Case("OpenSSH RSA", Commands.keygen(keys.resolve("rsa"), "rsa", "", "-b", "2048"), null),
                new Case("OpenSSH ed25519", Commands.keygen(keys.resolve("ed25519"), "ed25519", ""), null),
                new Case("OpenSSH ECDSA", Commands.keygen(keys.resolve("ecdsa"), "ecdsa", "", "-b", "256"), null),
                new Case(
                        "ECDSA PEM",
                        Commands.keygen(keys.resolve("ecdsa.pem"), "ecdsa", "", "-b", "384", "-m", "PEM"),
                        null),
                new Case(
                        "ed25519 with passphrase",
                        Commands.keygen(keys.resolve("ed25519-pass"), "ed25519", "correct horse", "-a", "4"),
                        "correct horse"),
                new Case(
                        "RSA PEM with passphrase",
                        Commands.keygen(
                                keys.resolve("rsa-pass.pem"), "rsa", "battery staple", "-b", "2048", "-m", "PEM"),
                        "battery staple"));
        for (Case c : cases) {
            // Authorized from the .pub file ssh-keygen wrote, not from our own encoding.
            server.authorize(Files.readString(Path.of(c.file() + ".pub")).trim());
            Identity id = c.passphrase() == null
                    ? Identity.fromFile(c.file())
                    : Identity.fromFile(c.file(), c.passphrase().toCharArray());
            String word = c.name().replaceAll("[^A-Za-z0-9]", "_");
            try (SshSession s = Ssh.builder()
                    .identity(id)
                    .knownHosts(knownHosts)
                    .settings(FAST)
                    .build()
                    .connect(server.target())) {
                assertThat(s.exec("echo " + word).stdout()).as(c.name()).isEqualTo(word + "\n");
            }
        }
    }

    @Test
    void thePlainSshCommandLineLogsInAndVerifiesAgainstTheStore() throws IOException {
        Assumptions.assumeTrue(Commands.find("ssh").isPresent(), "the ssh client (openssh-client) is not installed");
        TestServer server = server(18);
        Path key =
                Commands.keygen(Files.createDirectories(tmp.resolve("cmdkeys")).resolve("id_ed25519"), "ed25519", "");
        server.authorize(Files.readString(Path.of(key + ".pub")).trim());
        Ssh withFile = Ssh.builder()
                .identity(Identity.fromFile(key))
                .knownHosts(knownHosts)
                .settings(FAST)
                .build();
        SshTarget target = server.target().withHostId("i-0cmdline");
        withFile.connect(target).close();

        SshCommandLine line = withFile.commandLine(target, List.of(LocalForward.parse("0:8888")));
        assertThat(line.toString())
                .startsWith("ssh -i " + key)
                .contains("-o HostKeyAlias=i-0cmdline")
                .contains("-o UserKnownHostsFile=" + knownHosts.file())
                .contains("-o StrictHostKeyChecking=yes")
                .contains("-L 127.0.0.1:0:127.0.0.1:8888")
                .endsWith(server.user() + "@" + server.host());

        List<String> argv = batchMode(
                withFile.commandLine(target).withCommand("echo via-openssh").arguments());
        assertThat(Commands.run(argv)).contains("via-openssh");

        // Against a host id the store does not know, plain ssh refuses too.
        List<String> unknown = batchMode(withFile.commandLine(target.withHostId("i-0unknown"))
                .withCommand("true")
                .arguments());
        assertThatThrownBy(() -> Commands.run(unknown)).hasMessageContaining("Host key verification failed");
    }

    @Test
    void closingASessionEndsEverythingItOpened() throws Exception {
        TestServer server = server(19);
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        SshSession s = ssh.connect(server.target());
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

    @Test
    void bigFilesUploadWriteAndReadBackIntact() throws Exception {
        TestServer server = server(21);
        byte[] big = new byte[8 << 20];
        new java.util.Random(7).nextBytes(big);
        Path local = Files.write(tmp.resolve("big.bin"), big);
        try (SshSession s = ssh.connect(server.target())) {
            long t0 = System.nanoTime();
            s.upload(local, tmp.resolve("big-copy.bin").toString());
            long t1 = System.nanoTime();
            s.writeSecret(tmp.resolve("big-secret.bin").toString(), big);
            long t2 = System.nanoTime();
            byte[] back = s.readFile(tmp.resolve("big-copy.bin").toString());
            long t3 = System.nanoTime();
            System.out.printf(
                    "8 MiB: upload %d ms, writeSecret %d ms, readFile %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            assertThat(back).isEqualTo(big);
        }
        assertThat(Files.readAllBytes(tmp.resolve("big-copy.bin"))).isEqualTo(big);
        assertThat(Files.readAllBytes(tmp.resolve("big-secret.bin"))).isEqualTo(big);
    }

    // ---- helpers

    private static List<String> batchMode(List<String> sshArgs) {
        List<String> argv = new ArrayList<>(List.of(sshArgs.get(0), "-F", "/dev/null", "-o", "BatchMode=yes"));
        argv.addAll(sshArgs.subList(1, sshArgs.size()));
        return argv;
    }

    static int freePort(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static void write(Path p, String content, String perms) throws IOException {
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> modes(Path root) throws IOException {
        try (var stream = Files.walk(root)) {
            return stream.map(p -> {
                        String rel = root.relativize(p).toString();
                        try {
                            return (rel.isEmpty() ? "." : rel) + " " + perms(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }
}
