package org.thunderproject.ec2.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ssh.testing.Commands;
import org.thunderproject.ec2.ssh.testing.TestServer;

/**
 * Logging in: waiting for a booting host (refused, key not yet authorized), a wrong key, and keys
 * in every common format.
 */
interface LoginContract extends SshFixture {

    @Test
    default void waitsWhileRefusedThenConnectsOnceTheServerIsUp() throws Exception {
        String address = address(4);
        int port = SshFixture.freePort(address);
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
        try (SshSession s = ssh().connectWhenReady(target, Duration.ofSeconds(60), startOnSecondFailure)) {
            assertThat(s.exec("echo up").stdout()).isEqualTo("up\n");
        }
        starter.get().join();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
        assertThat(failures.get(0)).isInstanceOf(SshConnectException.class);
        assertThat(failures.get(0).getMessage()).contains("connection refused").contains(address);
    }

    @Test
    default void waitsWhileTheKeyIsRejectedThenConnectsOnceItIsAuthorized() {
        TestServer server = closeLater(startServer(address(5), 0, newHostKey()));
        List<SshException> failures = new CopyOnWriteArrayList<>();
        ReadyListener authorizeOnFirstRejection = (target, attempt, failure, next) -> {
            failures.add(failure);
            if (failure instanceof SshAuthenticationException && failures.size() == 1) {
                server.authorize(identity().authorizedKey());
            }
        };
        try (SshSession s =
                ssh().connectWhenReady(server.target(), Duration.ofSeconds(60), authorizeOnFirstRejection)) {
            assertThat(s.exec("echo in").stdout()).isEqualTo("in\n");
        }
        assertThat(failures).first().isInstanceOf(SshAuthenticationException.class);
    }

    @Test
    default void aWrongKeyFailsWithAClearError() {
        TestServer server = server(6);
        Identity stranger = Identity.fromKeyPair(TestKeys.ec());
        Ssh other = Ssh.builder()
                .identity(stranger)
                .knownHosts(knownHosts())
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
    default void keysInEveryCommonFormatLogIn() throws IOException {
        Assumptions.assumeTrue(Commands.find("ssh-keygen").isPresent(), "ssh-keygen (openssh-client) is not installed");
        TestServer server = server(17);
        Path keys = Files.createDirectories(tmp().resolve("keys"));
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
                    .knownHosts(knownHosts())
                    .settings(FAST)
                    .build()
                    .connect(server.target())) {
                assertThat(s.exec("echo " + word).stdout()).as(c.name()).isEqualTo(word + "\n");
            }
        }
    }
}
