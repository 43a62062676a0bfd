package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.DocShellCommands.Line;
import org.thunderproject.ec2.cli.DocShellCommands.Simple;
import org.thunderproject.ec2.cli.options.LocalCloudFile;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.Poll;

/**
 * The quickstart's command-line walkthrough ({@code docs/quickstart.md}, the {@code sh} block that
 * launches {@code mycluster} with {@code --local}) run for real, command by command, in this JVM,
 * against a local cloud with SSH hosts and the build's Spark runtime: the launch provisions Spark,
 * {@code login} gets a shell on the master (typed input: {@code exit}), {@code notebook
 * --ssh-tunnel} serves the notebook's API through its tunnel until interrupted (as by Ctrl-C),
 * and every command must exit 0. {@code thunder-ec2 local-cloud} itself is this test's in-process
 * cloud, advertised to the {@code --local} commands as the server would advertise it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DocumentedWalkthroughTest {

    private static final Pattern NOTEBOOK_URL = Pattern.compile("Go to (http://localhost:\\d+/)\\S*");

    @TempDir
    Path home;

    @Test
    void theQuickstartCommandsRunAgainstALocalCloud() throws Exception {
        Optional<Path> runtime = LocalCloud.builtSparkRuntime();
        assumeTrue(
                runtime.isPresent(),
                "the Spark runtime tarball is absent: thunder-ec2-spark-runtime was not"
                        + " packaged (as under 'mvn test' or '-pl thunder-ec2-cli -am'); 'mvn verify' builds it first");
        assumeTrue(
                systemPythonHasNotebook(),
                "Jupyter Notebook is not installed for /usr/bin/python3 (Debian's"
                        + " jupyter-notebook package), which the local cloud's nodes use for 'notebook'");
        List<Simple> walkthrough = walkthrough();
        assertThat(walkthrough).extracting(s -> s.args().contains("launch")).contains(true);

        try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime.get()).start()) {
            // What 'thunder-ec2 -k mykey -i ~/local.pem local-cloud' does besides serving EC2.
            LocalClouds.createKeyPair(cloud, "mykey", home.resolve("local.pem"));
            LocalCloudFile.write(
                    home.resolve(".thunder-ec2"),
                    cloud.endpoint().getPort(),
                    new LocalCloudFile.Advertised(cloud.sshPort(), cloud.sparkDownloadUrl()));
            String endpoint = cloud.endpoint().toString();
            for (Simple command : walkthrough) {
                List<String> args = new ArrayList<>(command.args());
                if (args.contains("local-cloud")) {
                    continue; // the cloud above
                }
                args.add(args.indexOf("--local") + 1, "--endpoint-url");
                args.add(args.indexOf("--endpoint-url") + 1, endpoint);
                if (args.contains("notebook")) {
                    notebookThroughTheTunnel(args);
                    continue;
                }
                if (args.contains("submit")) {
                    submitThroughTheCli(args);
                    continue;
                }
                if (args.contains("spark-connect")) {
                    continue; // held until Ctrl-C: the examples' SparkConnectEndToEndTest serves a client through it as
                    // a process
                }
                Cli cli = Cli.withHome(home);
                if (args.contains("login")) {
                    cli.shell(
                            new ByteArrayInputStream("exit\n".getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream());
                }
                Cli.Result result = cli.run(args.toArray(new String[0]));
                assertThat(result.exitCode())
                        .as(command.text() + "\n" + result.out() + result.err())
                        .isZero();
                if (args.contains("launch")) {
                    assertThat(result.out()).startsWith("Cluster successfully launched!");
                    assertThat(result.out() + result.err()).contains("spark://");
                }
                if (args.contains("run-command")) {
                    assertThat(result.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l)
                            .contains("/instances/i-"));
                }
            }
        }
    }

    /** Runs the blocking 'notebook --ssh-tunnel' in the background, browses its API, then "presses Ctrl-C". */
    private void notebookThroughTheTunnel(List<String> args) throws Exception {
        Cli cli = Cli.withHome(home);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return ThunderEc2Command.execute(cli.terminal(out, err), args.toArray(new String[0]));
        });
        URI base = Poll.until(
                "the notebook URL",
                Duration.ofMinutes(3),
                () -> {
                    Matcher url = NOTEBOOK_URL.matcher(out.toString());
                    if (url.find()) {
                        return Optional.of(URI.create(url.group(1)));
                    }
                    assertThat(exit).as("notebook ended early: " + out + err).isNotDone();
                    return Optional.empty();
                },
                () -> out + "\n" + err);
        HttpResponse<String> api = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("/api"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"version\"");
        runner.get().interrupt(); // what Ctrl-C does (ThunderEc2Command.main interrupts the worker)
        assertThat(exit.get(1, TimeUnit.MINUTES)).as(out + "\n" + err).isZero();
        assertThat(err.toString()).contains("Tunnel closed; the notebook keeps running on the master");
    }

    /** The quickstart's sh block with 'launch mycluster': the seed's commands against a local cloud. */
    /**
     * The documented {@code submit}, with the application swapped for a jar made here: the examples'
     * job jar is built after this module (the examples' SparkConnectEndToEndTest submits that one).
     * The same options and argument; exit 0 with the job's output, and non-zero for a missing class.
     */
    private void submitThroughTheCli(List<String> args) throws Exception {
        Path jar = WalkthroughJobJar.write(home.resolve("job"));
        List<String> submit = new ArrayList<>(args);
        submit.replaceAll(a -> a.endsWith(".jar")
                ? jar.toString()
                : a.startsWith("org.thunderproject.ec2.examples.") ? WalkthroughJobJar.MAIN_CLASS : a);
        Cli.Result ok = Cli.withHome(home).run(submit.toArray(new String[0]));
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains(WalkthroughJobJar.GREETING + " " + args.get(args.size() - 1));
        submit.replaceAll(a -> a.equals(WalkthroughJobJar.MAIN_CLASS) ? "org.thunderproject.NoSuchJob" : a);
        Cli.Result failed = Cli.withHome(home).run(submit.toArray(new String[0]));
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
    }

    private static List<Simple> walkthrough() {
        List<Simple> commands = new ArrayList<>();
        boolean found = false;
        for (Line line : DocShellCommands.lines(DocShellCommands.ROOT.resolve("docs/quickstart.md"))) {
            Simple simple = DocShellCommands.simpleCommands(line.text()).get(0);
            if (!simple.program().equals("thunder-ec2") || !simple.args().contains("--local")) {
                continue;
            }
            commands.add(simple);
            found |= simple.args().contains("launch");
        }
        assertThat(found)
                .as("docs/quickstart.md launches a cluster with --local")
                .isTrue();
        // "With the cluster running": the later block (submit, spark-connect) runs before the destroy.
        List<Simple> destroys =
                commands.stream().filter(c -> c.args().contains("destroy")).toList();
        commands.removeAll(destroys);
        commands.addAll(destroys);
        return commands;
    }

    private static boolean systemPythonHasNotebook() throws Exception {
        if (!new File("/usr/bin/python3").canExecute()) {
            return false;
        }
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import notebook")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
}
