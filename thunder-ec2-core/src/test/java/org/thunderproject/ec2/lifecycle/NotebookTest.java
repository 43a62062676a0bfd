package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.ServiceException;
import org.thunderproject.ec2.SshTunnelNotebook;
import org.thunderproject.ec2.SslNotebook;
import org.thunderproject.ec2.localcloud.NodeProcesses;
import org.thunderproject.ec2.localcloud.Poll;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Both notebook strategies on a real Jupyter (Debian's Notebook 6 on the local cloud's master):
 * SSL with a password (login over HTTPS, the certificate trusted by this test only, port 8888
 * open to the authorized CIDR only, the password in no event, log, exception, process list or
 * file), the SSH tunnel (the notebook's API through the forwarded port, nothing on the master's
 * own addresses), switching SSL → tunnel → SSL leaving exactly one server, and the SSL notebook
 * back after stop/start. One 1 + 1 cluster for the class.
 */
@NeedsSparkRuntime
@EnabledIf(
        value = "jupyterAndProcAvailable",
        disabledReason =
                "needs Linux /proc (to inspect the notebook processes) and Debian's jupyter-notebook"
                        + " (/usr/bin/jupyter-notebook, installed by .ci/run): the local cloud's masters use the system's Jupyter")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class NotebookTest {
    private static final String AUTHORIZED = "127.0.0.1/32";

    @TempDir
    static Path keys;

    private ProvisionFixture fx;
    private Cluster cluster;
    private Node master;
    private NotebookBrowser browser;
    private final RecordingListener events = new RecordingListener();
    private final String password =
            "Pw-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    static boolean jupyterAndProcAvailable() {
        return NodeProcesses.available() && Files.isExecutable(Path.of("/usr/bin/jupyter-notebook"));
    }

    @BeforeAll
    void launch() throws Exception {
        fx = ProvisionFixture.start(keys);
        cluster = fx.cluster(fx.spec(name("nb")).slaves(1).build()).addListener(events);
        ClusterDescription launched = cluster.launch();
        master = launched.master().orElseThrow();
        browser = new NotebookBrowser(masterState().resolve("notebook/ssl/notebook.crt"));
    }

    @AfterAll
    void destroy() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @Order(1)
    void sslNotebookLetsInTheRightPasswordOnlyAndKeepsItSecret() throws Exception {
        Captured captured = Captured.during(events, () -> cluster.openNotebook(SslNotebook.withPassword(password)));
        Notebook nb = captured.value();

        String ip = master.privateIp().orElseThrow();
        assertThat(nb.url()).hasToString("https://" + ip + ":8888/");
        assertThat(nb.generatedPassword()).isEmpty();
        assertThat(browser.loginStatus(nb.url(), password)).isEqualTo(302);
        assertThat(browser.apiStatusAfterLogin(nb.url(), password)).isEqualTo(200);
        assertThat(browser.loginStatus(nb.url(), password + "x")).isNotEqualTo(302);
        assertThat(browser.apiStatusAfterLogin(nb.url(), password + "x")).isEqualTo(403);

        assertThat(notebookRules(true)).containsExactly(AUTHORIZED);
        assertThat(notebookRules(false)).isEmpty();
        Path notebookDir = fx.home(master.instanceId()).resolve(".thunder-ec2/notebook");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(notebookDir.resolve("ssl/notebook.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(notebookDir.resolve("config/jupyter_notebook_config.py"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(notebookDir.resolve("config/jupyter_notebook_config.py")))
                .containsPattern("c\\.NotebookApp\\.password = '(argon2|sha1):");

        captured.assertSecretNowhere(password, masterState());
        assertThat(serverCount()).isEqualTo(1);

        // With a notebook configured, `thunder` on the master makes sure it runs (the seed's behaviour).
        CommandResult thunder = cluster.run("bin/thunder", NodeSelector.MASTER).get(0);
        assertThat(thunder.exitStatus()).as(thunder.stderr()).isZero();
        assertThat(thunder.stdout()).contains("notebook already running", "https://" + ip + ":8888/");
        assertThat(serverCount()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aGeneratedPasswordIsReturnedOnceAndReplacesTheOldOne() throws Exception {
        Notebook nb = cluster.openNotebook(SslNotebook.withGeneratedPassword());

        String generated = nb.generatedPassword().orElseThrow();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
        assertThat(browser.apiStatusAfterLogin(nb.url(), generated)).isEqualTo(200);
        assertThat(browser.apiStatusAfterLogin(nb.url(), password)).isEqualTo(403);
        assertThat(nb.toString()).doesNotContain(generated);
        assertThat(serverCount()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aFailureNamesTheMasterAndNeverThePassword() throws IOException, InterruptedException {
        Path choice = fx.home(master.instanceId()).resolve(".thunder-ec2/jupyter/python");
        Path aside = choice.resolveSibling("python.aside");
        Files.move(choice, aside);
        try {
            Captured captured = Captured.during(events, () -> {
                assertThatThrownBy(() -> cluster.openNotebook(SslNotebook.withPassword(password)))
                        .isInstanceOf(ServiceException.class)
                        .hasMessageContaining(master.instanceId())
                        .hasMessageContaining("Jupyter is not installed")
                        .satisfies(e -> assertThat(stackText(e)).doesNotContain(password));
                return null;
            });
            captured.assertSecretNowhere(password, masterState());
        } finally {
            Files.move(aside, choice);
        }
    }

    @Test
    @Order(4)
    void tunnelNotebookAnswersThroughTheForwardOnlyAndClosesThe8888Rule() throws Exception {
        int remotePort = ProvisionFixture.freeLoopbackPort();
        Captured captured = Captured.during(
                events,
                () -> cluster.openNotebook(SshTunnelNotebook.onLocalPort(0).remotePort(remotePort)));
        Notebook nb = captured.value();
        try {
            assertThat(nb.url().toString()).matches("http://localhost:\\d+/\\?token=[0-9a-f]{48}");
            String token = nb.url().getQuery().substring("token=".length());
            URI status = nb.url().resolve("/api/status");
            assertThat(NotebookBrowser.get(URI.create(status + "?token=" + token))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(NotebookBrowser.get(URI.create(status + "?token=" + token))
                            .body())
                    .contains("\"started\"");
            assertThat(NotebookBrowser.get(status).statusCode()).isEqualTo(403);

            for (String address : List.of(
                    master.privateIp().orElseThrow(),
                    cluster.master().publicIp().orElseThrow())) {
                for (int port : List.of(8888, remotePort)) {
                    assertThat(NodeProcesses.accepts(address, port))
                            .as("something listens on %s:%d", address, port)
                            .isFalse();
                }
            }
            assertThat(notebookRules(true)).isEmpty();
            assertThat(notebookRules(false)).isEmpty();
            assertThat(serverCount()).isEqualTo(1);
            captured.withoutValue().assertSecretNowhere(token, masterState(), true);
        } finally {
            nb.close();
        }
        assertThat(nb.isOpen()).isFalse();
        assertThat(NodeProcesses.accepts("127.0.0.1", nb.url().getPort())).isFalse();
    }

    @Test
    @Order(5)
    void switchingSslTunnelSslLeavesExactlyOneServerAndTheRightRules() throws Exception {
        Notebook ssl = cluster.openNotebook(SslNotebook.withPassword(password));
        assertThat(serverCount()).isEqualTo(1);
        assertThat(notebookRules(true)).containsExactly(AUTHORIZED);

        try (Notebook tunnel = cluster.openNotebook(
                SshTunnelNotebook.onLocalPort(0).remotePort(ProvisionFixture.freeLoopbackPort()))) {
            assertThat(serverCount()).isEqualTo(1);
            assertThat(notebookRules(true)).isEmpty();
            assertThat(NodeProcesses.accepts(master.privateIp().orElseThrow(), 8888))
                    .isFalse();
            assertThat(NotebookBrowser.get(URI.create(tunnel.url().resolve("/api/status") + "?"
                                    + tunnel.url().getQuery()))
                            .statusCode())
                    .isEqualTo(200);
        }

        Notebook back = cluster.openNotebook(SslNotebook.withPassword(password));
        assertThat(serverCount()).isEqualTo(1);
        assertThat(notebookRules(true)).containsExactly(AUTHORIZED);
        assertThat(notebookRules(false)).isEmpty();
        assertThat(back.url()).isEqualTo(ssl.url());
        assertThat(browser.apiStatusAfterLogin(back.url(), password)).isEqualTo(200);
        assertThat(fx.home(master.instanceId()).resolve(".thunder-ec2/notebook/token"))
                .doesNotExist();
    }

    @Test
    @Order(6)
    void theSslNotebookComesBackAfterStopAndStart() throws Exception {
        cluster.stop();
        Poll.until(
                "the stopped master's notebook to go",
                Duration.ofSeconds(30),
                () -> serverCount() == 0 ? Optional.of(true) : Optional.empty(),
                () -> serverCount() + " server(s)");

        cluster.start();

        assertThat(serverCount()).isEqualTo(1);
        assertThat(browser.apiStatusAfterLogin(
                        URI.create("https://" + master.privateIp().orElseThrow() + ":8888/"), password))
                .isEqualTo(200);
    }

    @Test
    @Order(7)
    void closingTheNotebookRemovesServerConfigurationAndRule() {
        cluster.closeNotebook();

        assertThat(serverCount()).isZero();
        assertThat(notebookRules(true)).isEmpty();
        assertThat(fx.home(master.instanceId()).resolve(".thunder-ec2/notebook"))
                .doesNotExist();
        assertThat(NodeProcesses.accepts(master.privateIp().orElseThrow(), 8888))
                .isFalse();
    }

    @Test
    @Order(8)
    void setupNotebookTypedOnTheMasterGetsItsPortFromSyncAndFromResume() throws Exception {
        // The seed's setup-notebook, its password on stdin (a script): the master opens nothing itself.
        CommandResult ssl = cluster.run("printf '%s\\n' '" + password + "' | setup-notebook", NodeSelector.MASTER)
                .get(0);
        assertThat(ssl.exitStatus()).as(ssl.stderr()).isZero();
        assertThat(ssl.stdout())
                .endsWith("iPython notebook successfully set up!\nhttps://"
                        + master.privateIp().orElseThrow() + ":8888\n");
        assertThat(notebookRules(true)).isEmpty();
        NotebookPort opened = cluster.syncNotebookPort();
        assertThat(opened).isEqualTo(new NotebookPort(NotebookPort.Mode.SSL, List.of(AUTHORIZED), true));
        assertThat(notebookRules(true)).containsExactly(AUTHORIZED);
        assertThat(cluster.syncNotebookPort().changed()).isFalse();
        assertThat(browser.apiStatusAfterLogin(
                        URI.create("https://" + master.privateIp().orElseThrow() + ":8888/"), password))
                .isEqualTo(200);

        // Switched to the tunnel on the master while no session watched: the next resume closes 8888.
        CommandResult tunnel = cluster.run(
                        "NOTEBOOK_PORT=" + ProvisionFixture.freeLoopbackPort() + " setup-notebook-sshtunnel",
                        NodeSelector.MASTER)
                .get(0);
        assertThat(tunnel.exitStatus()).as(tunnel.stderr()).isZero();
        assertThat(tunnel.stdout()).containsPattern("http://localhost:\\d+/\\?token=[0-9a-f]{48}\n$");
        assertThat(notebookRules(true)).containsExactly(AUTHORIZED);
        cluster.resume();
        assertThat(notebookRules(true)).isEmpty();
        assertThat(cluster.syncNotebookPort()).isEqualTo(new NotebookPort(NotebookPort.Mode.TUNNEL, List.of(), false));
        assertThat(serverCount()).isEqualTo(1);
        cluster.closeNotebook();
        assertThat(cluster.syncNotebookPort().mode()).isEqualTo(NotebookPort.Mode.NONE);
    }

    /** thunder-ec2's directory on the master, the notebook's files among them. */
    private Path masterState() {
        return fx.home(master.instanceId()).resolve(".thunder-ec2");
    }

    /** Notebook servers running in the master's home directory. */
    private int serverCount() {
        String home = fx.home(master.instanceId()).toString();
        return (int) NodeProcesses.all().stream()
                .filter(p -> p.commandLine().contains("-m notebook") && p.cwd().equals(home))
                .count();
    }

    /** The CIDRs port 8888 is open to on NAME-master (or NAME-slaves). */
    private List<String> notebookRules(boolean masterGroup) {
        String group = cluster.name() + (masterGroup ? "-master" : "-slaves");
        SecurityGroup g = fx.ec2
                .describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(group)))
                .securityGroups()
                .get(0);
        List<String> cidrs = new ArrayList<>();
        for (IpPermission p : g.ipPermissions()) {
            if (p.fromPort() != null && p.fromPort() <= 8888 && p.toPort() >= 8888) {
                p.ipRanges().forEach(r -> cidrs.add(r.cidrIp()));
                p.ipv6Ranges().forEach(r -> cidrs.add(r.cidrIpv6()));
            }
        }
        return cidrs;
    }

    private static String stackText(Throwable e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
