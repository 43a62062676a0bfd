package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The guide's notebook section typed on the master, as a user would: {@code thunder-ec2 login}
 * on a pseudo-terminal (util-linux {@code script}) on a 1-slave cluster with Spark on a
 * {@code thunder-ec2 local-cloud} process. Method 1 ({@code setup-notebook} with the password
 * typed at the prompt, {@code source /root/.bash_profile}, {@code thunder}), method 2 ({@code
 * login --ssh-port-forwarding L:R}, {@code setup-notebook-sshtunnel}, {@code thunder}), and
 * switching back and forth twice; port 8888 on NAME-master follows within 10 s, and the password
 * is in no process list, log or file (only its hash, 0600).
 */
@EnabledIf(
        value = "toolsInstalled",
        disabledReason = "needs util-linux 'script' (/usr/bin/script, for a pseudo-terminal) and Debian's"
                + " jupyter-notebook (/usr/bin/jupyter-notebook); .ci/run installs both")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebookOnTheMasterIT {

    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration PROVISIONING = Duration.ofMinutes(6);
    /** What the issue promises between setup-notebook's end and the rule. */
    private static final Duration PORT_FOLLOWS = Duration.ofSeconds(10);

    private static final Pattern HTTPS_URL =
            Pattern.compile("successfully set up!\\r?\\n(https://[0-9.]+:8888)\\r?\\n");
    private static final Pattern TUNNEL_URL = Pattern.compile(
            "set up in SSH tunnel mode!\\r?\\n(http://localhost:(\\d+)/\\?token=([0-9a-f]{48}))\\r?\\n");

    @TempDir
    static Path home;

    private LocalCloudProcess cloud;
    private String endpoint;
    private PackagedCli cli;
    private Path data;
    private final String password = "Nb-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final String secondPassword = "Nb2-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

    // A condition, not assumptions in @BeforeAll: those would abort the class and report no test at all.
    static boolean toolsInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/script"))
                && Files.isExecutable(Path.of("/usr/bin/jupyter-notebook"));
    }

    @BeforeAll
    void startTheLocalCloudAndLaunch() throws Exception {
        data = home.resolve("cloud");
        cloud = LocalCloudProcess.start(home, List.of("-Duser.home=" + home), "--data-dir", data.toString());
        endpoint = cloud.endpoint();
        cli = new PackagedCli(home, endpoint, "-Duser.home=" + home);
        Processes.Result launch =
                cli.run(PROVISIONING, "-k", "mykey", "-i", "~/mykey.pem", "-s", "1", "launch", "nbdemo");
        assertThat(launch.exitCode()).as(launch.err()).isZero();
    }

    @AfterAll
    void destroyAndStop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            cli.run("destroy", "nbdemo", "-y", "-q");
            cloud.stop();
        } finally {
            cloud.close();
        }
    }

    @Test
    @Order(1)
    void method1SetupNotebookOverSsl() throws Exception {
        try (BackgroundProcess terminal = loginOnATerminal()) {
            // setup-notebook, the password typed at the prompt (twice, without echo).
            terminal.type("setup-notebook\r");
            terminal.awaitOut("Notebook password: ", STEP);
            terminal.type(password + "\r");
            terminal.awaitOut("Repeat the password: ", STEP);
            assertNoProcessShows(password);
            terminal.type(password + "\r");
            long typed = System.nanoTime();
            Matcher url = terminal.await(HTTPS_URL, false, PROVISIONING);
            long done = System.nanoTime();
            // The login session opens 8888 on nbdemo-master, to the authorized CIDR only, within 10 s.
            terminal.awaitOut("thunder-ec2: opened port 8888 on nbdemo-master to ", PORT_FOLLOWS);
            System.out.println("setup-notebook took "
                    + Duration.ofNanos(done - typed).toMillis() + " ms after the password;"
                    + " port 8888 was open "
                    + Duration.ofNanos(System.nanoTime() - done).toMillis() + " ms after it finished"
                    + " (the login line at " + terminal.out().indexOf("thunder-ec2: opened port 8888") + ", the URL at "
                    + url.start(1) + " in the transcript)");
            assertThat(notebookCidrs("nbdemo-master"))
                    .isEqualTo(authorizedCidrs("nbdemo-master"))
                    .isNotEmpty();
            assertThat(notebookCidrs("nbdemo-slaves")).isEmpty();
            assertThat(terminal.out()).contains("re-running setup-notebook sets it all up again");

            // source /root/.bash_profile, as typed: the notebook environment is in effect.
            terminal.type("source /root/.bash_profile; echo sourced-$?-${THUNDER_NOTEBOOK_MODE:-none}\r");
            terminal.awaitOut("sourced-0-ssl", STEP);
            // thunder: finds the notebook and prints where to go (this Spark has no PySpark: a warning).
            terminal.type("thunder; echo thunder-exit-$?\r");
            terminal.awaitOut("thunder-exit-0", STEP);
            assertThat(terminal.out()).contains("Go to " + url.group(1)).contains("has no PySpark");

            // The right password logs in over HTTPS at the printed URL; a wrong one does not.
            URI https = URI.create(url.group(1) + "/");
            assertThat(NotebookHttp.passwordLogin(https, password, trust())).isEqualTo(302);
            assertThat(NotebookHttp.passwordLogin(https, "wrong-" + password, trust()))
                    .isNotEqualTo(302);
            terminal.type("exit\r");
            assertThat(terminal.waitFor(STEP)).as(terminal.out()).isZero();
            assertThat(terminal.out()).doesNotContain(password);
        }
        assertPasswordOnlyHashed(password, true);
    }

    @Test
    @Order(2)
    void method2TunnelThenSwitchingBackAndForth() throws Exception {
        int local = NotebookHttp.freePort();
        // The local cloud's nodes share this machine's loopback: the tunnel's server keeps clear of 8888.
        int remote = NotebookHttp.freePort();
        try (BackgroundProcess terminal = loginOnATerminal("--ssh-port-forwarding", local + ":" + remote)) {
            Matcher first = tunnel(terminal, remote, 1);
            assertThat(first.group(2)).isEqualTo(Integer.toString(local));
            terminal.type("thunder; echo thunder-exit-$?\r");
            terminal.awaitOut("thunder-exit-0", STEP);
            assertThat(terminal.out()).contains("Go to " + first.group(1));
            assertThat(NotebookHttp.status(local, first.group(3))).isEqualTo(200);

            // Back to SSL: the rule comes back; the tunnel's server is gone.
            terminal.type("setup-notebook\r");
            terminal.awaitOut("Notebook password: ", STEP);
            terminal.type(secondPassword + "\r");
            terminal.awaitOut("Repeat the password: ", STEP);
            terminal.type(secondPassword + "\r");
            Matcher ssl = terminal.await(HTTPS_URL, false, PROVISIONING);
            terminal.awaitOut("thunder-ec2: opened port 8888 on nbdemo-master to ", PORT_FOLLOWS);
            assertThat(notebookCidrs("nbdemo-master")).isEqualTo(authorizedCidrs("nbdemo-master"));
            assertThat(NotebookHttp.passwordLogin(URI.create(ssl.group(1) + "/"), secondPassword, trust()))
                    .isEqualTo(302);
            assertThat(NotebookHttp.passwordLogin(URI.create(ssl.group(1) + "/"), password, trust()))
                    .isNotEqualTo(302);
            assertThat(NotebookHttp.listening("127.0.0.1", remote)).isFalse();
            assertPasswordOnlyHashed(secondPassword, true);

            // And to the tunnel again: a new token; the old one no longer works.
            Matcher second = tunnel(terminal, remote, 2);
            assertThat(second.group(3)).isNotEqualTo(first.group(3));
            assertThat(NotebookHttp.status(local, second.group(3))).isEqualTo(200);
            assertThat(NotebookHttp.status(local, first.group(3))).isNotEqualTo(200);
            terminal.type("exit\r");
            assertThat(terminal.waitFor(STEP)).as(terminal.out()).isZero();
            assertThat(terminal.out()).doesNotContain(secondPassword);
        }
        // The tunnel replaced the SSL notebook: not even the hash is left.
        assertPasswordOnlyHashed(secondPassword, false);
    }

    /** setup-notebook-sshtunnel (the {@code n}th time in this session): the rule goes, the URL has the token. */
    private Matcher tunnel(BackgroundProcess terminal, int remote, int n) throws Exception {
        terminal.type("NOTEBOOK_PORT=" + remote + " setup-notebook-sshtunnel\r");
        Matcher url = terminal.await(nth(TUNNEL_URL.pattern(), n), false, PROVISIONING);
        terminal.await(
                nth(
                        Pattern.quote("thunder-ec2: closed port 8888 on nbdemo-master: the notebook is in SSH tunnel"
                                + " mode"),
                        n),
                false,
                PORT_FOLLOWS);
        assertThat(notebookCidrs("nbdemo-master")).isEmpty();
        return url;
    }

    /** A pattern whose groups are those of the {@code n}th match of {@code regex} (the output accumulates). */
    private static Pattern nth(String regex, int n) {
        String skipped = regex.replaceAll("(?<!\\\\)\\((?!\\?)", "(?:");
        return Pattern.compile("(?s)(?:.*?" + skipped + "){" + (n - 1) + "}.*?" + regex);
    }

    private BackgroundProcess loginOnATerminal(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-k", "mykey", "-i", "~/mykey.pem", "login", "nbdemo"));
        args.addAll(List.of(extra));
        BackgroundProcess terminal = cli.onATerminal(cli.shellCommand(args.toArray(String[]::new)));
        terminal.awaitOut("Logging in to the master of cluster 'nbdemo'", STEP);
        terminal.type("echo logged-$((20+1))\r");
        terminal.awaitOut("logged-21", STEP);
        return terminal;
    }

    /** The CIDRs of group {@code name}'s tcp 8888 rules. */
    private List<String> notebookCidrs(String name) {
        return cidrs(name, 8888);
    }

    private List<String> authorizedCidrs(String name) {
        return cidrs(name, 8080); // the Spark web UI: opened to the authorized CIDRs at launch
    }

    private List<String> cidrs(String name, int port) {
        try (Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build()) {
            SecurityGroup group = ec2.describeSecurityGroups(
                            r -> r.filters(f -> f.name("group-name").values(name)))
                    .securityGroups()
                    .get(0);
            return group.ipPermissions().stream()
                    .filter(p -> "tcp".equals(p.ipProtocol()) && p.fromPort() != null && p.fromPort() == port)
                    .map(IpPermission::ipRanges)
                    .flatMap(List::stream)
                    .map(r -> r.cidrIp())
                    .sorted()
                    .toList();
        }
    }

    private javax.net.ssl.SSLContext trust() throws Exception {
        return cli.trustingTheNotebookOf("nbdemo");
    }

    /** No process's arguments or environment hold {@code secret}. */
    private static void assertNoProcessShows(String secret) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                for (String name : List.of("cmdline", "environ")) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(proc.resolve(name));
                    } catch (IOException e) {
                        continue; // gone meanwhile, or not ours to read
                    }
                    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(proc + "/" + name)
                            .doesNotContain(secret);
                }
            }
        }
    }

    /** In no file here (the nodes' directories, logs, transcripts); the hash, if {@code hashed}, 0600. */
    private void assertPasswordOnlyHashed(String secret, boolean hashed) throws IOException {
        assertNoProcessShows(secret);
        List<Path> hashes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().equals("password.hash")) {
                    hashes.add(file);
                }
                if (Files.size(file) < 50_000_000) {
                    assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(file.toString())
                            .doesNotContain(secret);
                }
            }
        }
        assertThat(hashes).hasSize(hashed ? 1 : 0).allSatisfy(hash -> assertThat(Files.getPosixFilePermissions(hash))
                .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        assertThat(cloud.process().out() + cloud.process().err()).doesNotContain(secret);
    }
}
