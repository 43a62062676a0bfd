package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.cli.PackagedCli.STEP;
import static org.thunderproject.ec2.cli.PackagedCli.keyed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.options.LocalCloudFile;

/**
 * The seed's guide (install_ec2.rst) step by step as a user follows it on one machine: {@code
 * thunder-ec2 local-cloud} runs in the background, and every step is its own {@code java -jar}
 * process against it, on one cluster with real Spark: launch, login on a pseudo-terminal (under
 * util-linux {@code script}) and with pipes, the {@code thunder} launcher on the master,
 * run-command, copy-file, both notebook ways, stop, start, destroy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWalkthroughIT {

    // Spark on three nodes of a loaded 2-core machine: installing and starting the daemons takes a while.
    private static final Duration PROVISIONING = Duration.ofMinutes(6);

    @TempDir
    static Path home;

    private LocalCloudProcess cloud;
    private PackagedCli cli;
    private String masterPublicIp;
    private String masterPrivateIp;
    private String masterId;

    @BeforeAll
    void startTheLocalCloud() throws Exception {
        cloud = LocalCloudProcess.start(home, List.of());
        cli = new PackagedCli(home, cloud.endpoint());
        assertThat(cloud.process().out())
                .contains("Key pair 'mykey' created; its private key is in " + home.resolve("mykey.pem"))
                .contains("Nodes install the Spark runtime it serves: http://127.0.0.1:");
        // The seed's `chmod 600 ~/mykey.pem` is done already.
        assertThat(Files.getPosixFilePermissions(home.resolve("mykey.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalCloudFile.path(home.resolve(".thunder-ec2"), cloud.port()))
                .exists();
    }

    @AfterAll
    void stopTheLocalCloud() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            if (masterId != null) {
                // Whatever the tests left: a destroyed cluster stays destroyed.
                cli.run("destroy", "demo", "-y", "-q");
            }
            // Ctrl-C (here SIGTERM) stops the cloud cleanly: it says so and takes its advertisement along.
            long stopping = System.nanoTime();
            cloud.stop();
            System.out.println("local-cloud stopped "
                    + Duration.ofNanos(System.nanoTime() - stopping).toMillis() + " ms after SIGTERM");
            assertThat(cloud.process().err()).contains("Local cloud stopped.");
            assertThat(LocalCloudFile.path(home.resolve(".thunder-ec2"), cloud.port()))
                    .doesNotExist();
            assertThat(NotebookHttp.listening("127.0.0.1", cloud.port())).isFalse();
        } finally {
            cloud.close();
        }
    }

    @Test
    @Order(1)
    void launch() throws Exception {
        // thunder-ec2 -k mykey -i ~/mykey.pem -s <number-of-nodes> launch <cluster-name>
        Processes.Result launch = cli.run(PROVISIONING, keyed("-s", "2", "launch", "demo"));
        assertThat(launch.exitCode()).as(launch.err()).isZero();
        JsonNode json = describe();
        masterId = json.get("master").get("instanceId").asText();
        masterPublicIp = json.get("master").get("publicIp").asText();
        masterPrivateIp = json.get("master").get("privateIp").asText();
        // "Cluster successfully launched!" followed by a link to the Spark web UI.
        assertThat(launch.out())
                .isEqualTo("Cluster successfully launched!\n"
                        + "Go to http://" + masterPrivateIp + ":8080/ to see the web UI for your cluster\n"
                        + "Spark master: spark://" + masterPrivateIp + ":7077\n");
        assertThat(launch.err()).contains("[done] Waiting for the nodes to answer SSH (");
        // The link works: the Spark master's web UI, with both workers alive.
        HttpResponse<String> ui = NotebookHttp.get(URI.create("http://" + masterPrivateIp + ":8080/json/"));
        assertThat(ui.statusCode()).isEqualTo(200);
        JsonNode master = new ObjectMapper().readTree(ui.body());
        assertThat(master.get("aliveworkers").asInt()).as(ui.body()).isEqualTo(2);

        // thunder-ec2 -k mykey -i ~/mykey.pem launch <cluster-name> --resume: nothing is missing, nothing is redone.
        Processes.Result resume = cli.run(PROVISIONING, keyed("launch", "demo", "--resume", "-s", "2"));
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).startsWith("Cluster successfully launched!\n");
        assertThat(describe().get("master").get("instanceId").asText()).isEqualTo(masterId);
    }

    @Test
    @Order(2)
    void getMasterAndDescribe() throws Exception {
        Processes.Result master = cli.run("get-master", "demo");
        assertThat(master.exitCode()).as(master.err()).isZero();
        assertThat(master.out()).isEqualTo(masterPublicIp + "\n");
        assertThat(master.err())
                .isEqualTo("Spark master: spark://" + masterPrivateIp + ":7077\n" + "Spark web UI: http://"
                        + masterPrivateIp + ":8080/\n");
        Processes.Result table = cli.run("describe", "demo");
        assertThat(table.out())
                .contains("Cluster demo (us-east-1): running, 1 master and 2 slaves (3 nodes)")
                .contains("Spark master: spark://" + masterPrivateIp + ":7077");
    }

    @Test
    @Order(3)
    void loginOnAPseudoTerminalRunsTheShellAndThunder() throws Exception {
        // thunder-ec2 -k mykey -i ~/mykey.pem login <cluster-name>, on a terminal of 101 x 33 whose mode is kept.
        String login = cli.shellCommand(keyed("login", "demo"));
        String inner = "stty cols 101 rows 33; stty -g > before.txt; " + login + "; s=$?; stty -g > after.txt; exit $s";
        try (BackgroundProcess terminal = cli.onATerminal(inner)) {
            terminal.awaitOut("Logging in to the master of cluster 'demo'", STEP);
            terminal.type("echo on-$(basename $(dirname $HOME))-$((6*7)); stty size\r");
            terminal.awaitOut("on-" + masterId + "-42", STEP);
            // The remote pseudo-terminal has the local window's size.
            terminal.await(Pattern.compile("(?m)^33 101\\r?$"), false, STEP);
            // "Once logged in, start the Spark shell in iPython: thunder" -- the local cloud's Spark is JVM-only.
            // Typed exactly as the seed says: ~/bin, where thunder is, is on the login shell's PATH.
            terminal.type("thunder; echo thunder-exit-$?\r");
            terminal.awaitOut("thunder-exit-3", STEP);
            assertThat(terminal.out()).contains("has no PySpark");
            // Ctrl-C reaches the remote shell (raw mode) instead of ending thunder-ec2.
            terminal.type("echo sleeping-$((2*2)); sleep 600\r");
            terminal.awaitOut("sleeping-4", STEP);
            terminal.type("\u0003");
            terminal.type("echo after-interrupt-$((1+1))\r");
            terminal.awaitOut("after-interrupt-2", STEP);
            terminal.type("exit 5\r");
            assertThat(terminal.waitFor(STEP)).as(terminal.out()).isEqualTo(5);
        }
        // The terminal is back in the mode it had before the session.
        assertThat(Files.readString(home.resolve("after.txt"))).isEqualTo(Files.readString(home.resolve("before.txt")));
    }

    @Test
    @Order(4)
    void loginKilledMidSessionLeavesTheTerminalAsItWas() throws Exception {
        // The terminal closes (SIGHUP) or someone kills thunder-ec2 (SIGTERM) while the terminal is raw.
        String login = cli.shellCommand(keyed("login", "demo"));
        String inner = "stty -g > before-kill.txt; " + login + "; s=$?; stty -g > after-kill.txt; exit $s";
        try (BackgroundProcess terminal = cli.onATerminal(inner)) {
            terminal.awaitOut("Logging in to the master of cluster 'demo'", STEP);
            terminal.type("echo in-session-$((3*3))\r");
            terminal.awaitOut("in-session-9", STEP);
            ProcessHandle java = terminal.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no java process under script"));
            long killed = System.nanoTime();
            assertThat(java.destroy()).isTrue();
            // 130: the CLI's code for a command interrupted by Ctrl-C or SIGTERM, in CLI words.
            assertThat(terminal.waitFor(STEP)).as(terminal.out()).isEqualTo(130);
            assertThat(terminal.out())
                    .contains("login of cluster 'demo' was interrupted")
                    .doesNotContain("login()");
            System.out.println("login ended "
                    + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms after SIGTERM");
        }
        assertThat(Files.readString(home.resolve("after-kill.txt")))
                .isEqualTo(Files.readString(home.resolve("before-kill.txt")));
    }

    @Test
    @Order(5)
    void loginWithPipesEndsWithTheRemoteExitStatus() throws Exception {
        try (BackgroundProcess login = cli.start(keyed("login", "demo"))) {
            login.type("echo piped-$((40+2)) on $(basename $(dirname $HOME))\n");
            login.awaitOut("piped-42 on " + masterId, STEP);
            login.type("exit 4\n");
            assertThat(login.waitFor(STEP)).isEqualTo(4);
        }
    }

    @Test
    @Order(6)
    void runCommandAndCopyFile() throws Exception {
        Processes.Result run = cli.run(keyed("run-command", "demo", "test -d spark/jars && echo spark-installed"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).endsWith("] spark-installed"));
        assertThat(lines.get(0)).startsWith("[master " + masterPublicIp + "] ");
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).startsWith("[slave 127."));

        Files.writeString(home.resolve("job.py"), "print('hello from the laptop')\n");
        Processes.Result copy = cli.run(keyed("copy-file", "demo", "~/job.py", "jobs/job.py"));
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        Processes.Result cat = cli.run(keyed("run-command", "demo", "--master-only", "cat", "jobs/job.py"));
        assertThat(cat.out()).isEqualTo("[master " + masterPublicIp + "] print('hello from the laptop')\n");
    }

    @Test
    @Order(7)
    void notebookThroughAnSshTunnel() throws Exception {
        // Method 2: login --ssh-port-forwarding <local_port>:8888 + setup-notebook-sshtunnel, as one command.
        // The local cloud's nodes share this machine's loopback: keep clear of 8888.
        int remotePort = NotebookHttp.freePort();
        URI url;
        try (BackgroundProcess notebook = cli.start(keyed(
                "notebook",
                "demo",
                "--ssh-tunnel",
                "--local-port",
                "0",
                "--remote-port",
                Integer.toString(remotePort)))) {
            Matcher matcher = notebook.await(
                    Pattern.compile("Notebook successfully set up! Go to (http://localhost:\\d+/\\S*)"),
                    false,
                    PROVISIONING);
            url = URI.create(matcher.group(1));
            notebook.await(Pattern.compile("stays open until you press Ctrl-C"), true, STEP);
            // An HTTP request through the local port reaches the notebook's API.
            HttpResponse<String> status = NotebookHttp.get(url.resolve("/api/status?" + url.getQuery()));
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("\"started\"");
            // The notebook listens on the master's loopback only.
            assertThat(NotebookHttp.listening(masterPrivateIp, remotePort)).isFalse();

            // With the notebook configured, 'thunder' on the master finds it.
            try (BackgroundProcess login = cli.start(keyed("login", "demo"))) {
                login.type("thunder; echo thunder-exit-$?\n");
                login.awaitOut("thunder-exit-0", STEP);
                assertThat(login.out()).contains("notebook already running");
                login.type("exit\n");
                assertThat(login.waitFor(STEP)).isZero();
            }

            // Ctrl-C closes the tunnel; the notebook keeps running on the master.
            notebook.terminate();
            notebook.waitFor(STEP);
            assertThat(notebook.err()).contains("Tunnel closed; the notebook keeps running on the master");
        }
        assertThat(NotebookHttp.listening("127.0.0.1", url.getPort())).isFalse();
    }

    @Test
    @Order(8)
    void notebookOverSslWithAPasswordFile() throws Exception {
        // Method 1: setup-notebook (with the password) + opening port 8888, as one command.
        Path passwordFile = home.resolve("notebook.pass");
        Files.createFile(
                passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, "correct horse battery\n");
        Processes.Result ssl =
                cli.run(PROVISIONING, keyed("notebook", "demo", "--ssl", "--password-file", "~/notebook.pass"));
        assertThat(ssl.exitCode()).as(ssl.err()).isZero();
        Matcher matcher = Pattern.compile("Notebook successfully set up! Go to (https://\\S+)")
                .matcher(ssl.out());
        assertThat(matcher.find()).as(ssl.out()).isTrue();
        URI url = URI.create(matcher.group(1));
        assertThat(url.getPort()).isEqualTo(8888);
        assertThat(ssl.out()).doesNotContain("Password:").doesNotContain("correct horse");
        assertThat(ssl.err()).doesNotContain("correct horse");

        // An HTTPS login with the password succeeds; with another it does not.
        SSLContext trust = cli.trustingTheNotebookOf("demo");
        assertThat(NotebookHttp.passwordLogin(url, "correct horse battery", trust))
                .isEqualTo(302);
        assertThat(NotebookHttp.passwordLogin(url, "wrong horse", trust)).isNotEqualTo(302);

        // Without a password file, one is generated and printed once.
        Processes.Result generated = cli.run(PROVISIONING, keyed("notebook", "demo", "--ssl"));
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        Matcher password = Pattern.compile("(?m)^Password: (\\S+)$").matcher(generated.out());
        assertThat(password.find()).as(generated.out()).isTrue();
        assertThat(generated.err()).contains("shown only this once").doesNotContain(password.group(1));
        assertThat(NotebookHttp.passwordLogin(url, password.group(1), cli.trustingTheNotebookOf("demo")))
                .isEqualTo(302);
    }

    @Test
    @Order(9)
    void stopThenStartBringsSparkBack() throws Exception {
        // thunder-ec2 -k mykey -i ~/mykey.pem stop <cluster-name> (a script: no terminal, so -y)
        Processes.Result refused = cli.run(keyed("stop", "demo"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("refusing to stop cluster 'demo' without confirmation");
        Processes.Result stop = cli.run(keyed("stop", "demo", "-y"));
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(describe().get("state").asText()).isEqualTo("stopped");

        // thunder-ec2 -k mykey -i ~/mykey.pem start <cluster-name>
        Processes.Result start = cli.run(PROVISIONING, keyed("start", "demo"));
        assertThat(start.exitCode()).as(start.err()).isZero();
        JsonNode json = describe();
        String newPrivateIp = json.get("master").get("privateIp").asText();
        assertThat(start.out())
                .isEqualTo("Cluster 'demo' started.\n"
                        + "Master: " + json.get("master").get("publicIp").asText() + "\n"
                        + "Go to http://" + newPrivateIp + ":8080/ to see the web UI for your cluster\n"
                        + "Spark master: spark://" + newPrivateIp + ":7077\n");
        HttpResponse<String> ui = NotebookHttp.get(URI.create("http://" + newPrivateIp + ":8080/json/"));
        assertThat(new ObjectMapper().readTree(ui.body()).get("aliveworkers").asInt())
                .as(ui.body())
                .isEqualTo(2);
        // Files on '/' survived: the copy made before the stop is still there.
        Processes.Result cat = cli.run(keyed("run-command", "demo", "--master-only", "cat", "jobs/job.py"));
        assertThat(cat.out()).endsWith("] print('hello from the laptop')\n");
    }

    @Test
    @Order(10)
    void destroy() throws Exception {
        // thunder-ec2 -k mykey -i ~/mykey.pem destroy <cluster-name>
        Processes.Result refused = cli.run(keyed("destroy", "demo"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("refusing to destroy");
        Processes.Result destroy = cli.run(keyed("destroy", "demo", "-y"));
        assertThat(destroy.exitCode()).as(destroy.err()).isZero();
        assertThat(destroy.err()).contains("Cluster 'demo' destroyed.");
        Processes.Result gone = cli.run("describe", "demo");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no cluster named 'demo'");
        masterId = null;
    }

    private JsonNode describe() throws Exception {
        Processes.Result describe = cli.run("describe", "demo", "--json");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        System.out.println("cold start of 'describe demo --json' against the local cloud, as a process: "
                + describe.millis() + " ms");
        return new ObjectMapper().readTree(describe.out());
    }
}
