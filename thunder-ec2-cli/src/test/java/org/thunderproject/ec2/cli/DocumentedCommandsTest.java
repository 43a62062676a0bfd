package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.DocShellCommands.Line;
import org.thunderproject.ec2.cli.DocShellCommands.Simple;
import org.thunderproject.ec2.cli.commands.LocalCloudCommand;
import org.thunderproject.ec2.cli.options.LocalCloudFile;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.LocalCloudServer;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every command the docs show in a {@code ```sh} block exists as shown. {@code thunder-ec2}
 * command lines are parsed by the CLI's own picocli model (unknown commands or options fail) and
 * their cluster spec is built and validated, without touching any cloud. Every other command
 * must be one of {@link #OTHERS}, each of which names what runs or checks it: README command (1),
 * a test of the examples module, or this test itself (the standalone local cloud, {@code curl} on
 * its fault endpoint, the {@code aws} CLI against it).
 */
class DocumentedCommandsTest {

    /** The docs the project promises; each must show at least one command. */
    private static final List<String> DOCS = List.of("quickstart.md", "ec2-guide.md", "local-cloud.md", "testing.md");

    private static final Set<String> THUNDER_EC2 = Set.of("thunder-ec2", "bin/thunder-ec2", "./bin/thunder-ec2");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String LOCAL_CLOUD_ADDRESS = "127.0.0.1:4566";

    /** A command that is not {@code thunder-ec2}'s, the check that it exists, and what exercises it. */
    record Other(String what, Pattern pattern, Predicate<Simple> check, String exercisedBy) {
        boolean covers(Simple command) {
            return pattern.matcher(command.text()).matches() && check.test(command);
        }
    }

    static final List<Other> OTHERS = List.of(
            new Other(
                    "the build",
                    Pattern.compile("mvn( .*)?"),
                    DocumentedCommandsTest::mavenCommandExists,
                    "README command (1) runs install and exec:java; every -Dexec.mainClass must have its own test"),
            new Other(
                    "CI",
                    Pattern.compile("bash \\.ci/run"),
                    c -> Files.isRegularFile(ROOT.resolve(".ci/run")),
                    "README command (2)"),
            new Other(
                    "JShell quickstart",
                    Pattern.compile(
                            "jshell (-R--add-opens=[\\w./=-]+ )?--class-path \\$\\(cat thunder-ec2-examples/target/classpath\\.txt\\)"
                                    + " examples/jshell/[\\w-]+\\.jsh"),
                    c -> Files.isRegularFile(
                                    ROOT.resolve(c.words().get(c.words().size() - 1)))
                            && Files.isRegularFile(
                                    ROOT.resolve(
                                            "thunder-ec2-examples/src/test/java/org/thunderproject/ec2/examples/QuickstartJshellIT.java"))
                            && Files.isRegularFile(
                                    ROOT.resolve(
                                            "thunder-ec2-examples/src/test/java/org/thunderproject/ec2/examples/SparkConnectJshellIT.java")),
                    "QuickstartJshellIT and SparkConnectJshellIT run every documented jshell command of their script verbatim"),
            new Other(
                    "the classpath file",
                    Pattern.compile("cat thunder-ec2-examples/target/classpath\\.txt"),
                    c -> read(ROOT.resolve("thunder-ec2-examples/pom.xml")).contains("classpath.txt"),
                    "written by the examples module's package phase; read by QuickstartJshellIT"),
            new Other(
                    "the standalone local cloud",
                    Pattern.compile(
                            "java -jar thunder-ec2-localcloud/target/thunder-ec2-localcloud-\\*-standalone\\.jar( .*)?"),
                    c -> true,
                    "standaloneLocalCloudCommandsStart (this test) starts it with the documented options"),
            new Other(
                    "fault injection over HTTP",
                    Pattern.compile("curl .*http://127\\.0\\.0\\.1:4566/_localcloud/faults"),
                    c -> true,
                    "faultEndpointCommandsAnswer (this test) runs them against a local cloud"),
            new Other(
                    "the AWS CLI",
                    Pattern.compile("aws --endpoint-url http://127\\.0\\.0\\.1:4566 .*"),
                    c -> true,
                    "awsCliCommandsWork (this test) runs them against a local cloud"),
            new Other(
                    "private files",
                    Pattern.compile("chmod 600 ~/[\\w.-]+\\.(pem|pass)"),
                    c -> true,
                    "standard; the core's preflight refuses key files readable by group or others, and 'notebook"
                            + " --password-file' warns about a password file others can read"),
            new Other(
                    "AWS credentials and region",
                    Pattern.compile("export (AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_REGION|AWS_PROFILE)=\\S+"),
                    c -> true,
                    "read by the AWS SDK's default chains (ThunderEc2.create(), the CLI without --profile)"),
            new Other(
                    "typed on the master after login",
                    Pattern.compile("setup-notebook|setup-notebook-sshtunnel|thunder|source /root/\\.bash_profile"),
                    c -> Files.isRegularFile(
                            ROOT.resolve("thunder-ec2-core/src/main/resources/org/thunderproject/ec2/services/"
                                    + (c.text().startsWith("setup")
                                            ? "jupyter/" + c.text()
                                            : c.text().equals("thunder")
                                                    ? "thunder/thunder"
                                                    : "jupyter/install-notebook-commands.sh"))),
                    "NotebookOnTheMasterIT types them on a pseudo-terminal in 'thunder-ec2 login'"),
            new Other(
                    "the benchmark",
                    Pattern.compile("bin/thunder-ec2-bench( .*)?"),
                    c -> read(ROOT.resolve(".ci/run")).contains("bin/thunder-ec2-bench --slaves 10"),
                    ".ci/run runs it once after mvn verify (a smoke run)"),
            new Other(
                    "the system's OpenSSH client with thunder-ec2's ssh_config",
                    Pattern.compile("(ssh|scp) -F ~/\\.thunder-ec2/ssh_config .*"),
                    c -> Files.isRegularFile(ROOT.resolve(
                            "thunder-ec2-core/src/test/java/org/thunderproject/ec2/lifecycle/SshConfigTest.java")),
                    "SshConfigTest runs /usr/bin/ssh -F with the file to the master and a slave, across stop/start"),
            new Other(
                    "the launcher on the PATH",
                    Pattern.compile("export PATH=\\$PWD/bin:\\$PATH"),
                    c -> Files.isExecutable(ROOT.resolve("bin/thunder-ec2")),
                    "PackagedJarIT runs bin/thunder-ec2"));

    @TempDir
    static Path home;

    @BeforeAll
    static void keyFiles() throws IOException {
        // The docs' key files (EC2's ~/mykey.pem, the local cloud's ~/local.pem), so that specs naming them validate.
        for (String name : List.of("mykey.pem", "local.pem")) {
            Files.createFile(
                    home.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        // The docs' --local commands run while 'thunder-ec2 local-cloud' runs on port 4566 and serves a
        // Spark runtime; what it advertises to them is in this file.
        LocalCloudFile.write(
                home.resolve(".thunder-ec2"),
                LocalCloudCommand.DEFAULT_PORT,
                new LocalCloudFile.Advertised(
                        LocalCloudCommand.DEFAULT_SSH_PORT,
                        Optional.of("http://127.0.0.1:34567/spark/spark-4.0.1-bin-thunder.tgz")));
    }

    @Test
    void everyPromisedDocShowsCommands() {
        for (String doc : DOCS) {
            Path file = ROOT.resolve("docs").resolve(doc);
            assertThat(file).as("docs/" + doc).isRegularFile();
            assertThat(DocShellCommands.lines(file))
                    .as("commands in docs/" + doc)
                    .isNotEmpty();
        }
    }

    @Test
    void everyThunderEc2CommandParsesAndMakesAValidSpec() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Located command : commands()) {
            if (!THUNDER_EC2.contains(command.simple().program())) {
                continue;
            }
            checked++;
            String problem = thunderEc2Problem(command.simple().args());
            if (problem != null) {
                failures.add(command.line() + "\n    " + problem);
            }
        }
        assertThat(checked).as("thunder-ec2 commands in the docs").isGreaterThan(10);
        assertThat(failures)
                .as("documented thunder-ec2 commands the CLI does not accept")
                .isEmpty();
    }

    @Test
    void everyOtherCommandIsOneThatIsExercised() {
        List<String> unknown = new ArrayList<>();
        for (Located command : commands()) {
            Simple simple = command.simple();
            if (!THUNDER_EC2.contains(simple.program()) && OTHERS.stream().noneMatch(o -> o.covers(simple))) {
                unknown.add(command.line() + "\n    command: " + simple.text());
            }
        }
        assertThat(unknown)
                .as("documented commands that nothing runs or checks (see OTHERS)")
                .isEmpty();
    }

    @Test
    void theChecksRefuseCommandsAndOptionsThatDoNotExist() {
        assertThat(thunderEc2Problem(List.of("-k", "mykey", "-i", "~/mykey.pem", "launch", "demo")))
                .isNull();
        assertThat(thunderEc2Problem(List.of("teleport", "demo"))).startsWith("does not parse");
        assertThat(thunderEc2Problem(List.of("launch", "demo", "--turbo"))).startsWith("does not parse");
        assertThat(thunderEc2Problem(List.of("-k", "mykey", "-i", "~/mykey.pem", "-t", "huge", "launch", "demo")))
                .startsWith("parses, but its spec is refused")
                .contains("instanceType");
        assertThat(covered("mvn -B -q -DskipTests install")).isTrue();
        assertThat(covered("mvn -B -q -pl thunder-ec2-nothing -am verify")).isFalse();
        assertThat(covered("mvn -B -q -pl thunder-ec2-tests -am verify -Dtest=NoSuchTest"))
                .isFalse();
        assertThat(
                        covered(
                                "mvn -B -q -f thunder-ec2-examples exec:java -Dexec.mainClass=org.thunderproject.ec2.examples.Nope"))
                .isFalse();
        assertThat(covered("mvn -B -q -DskipTests install -Dturbo=true")).isFalse();
        assertThat(covered("rsync -a docs/ elsewhere/")).isFalse();
    }

    private static boolean covered(String line) {
        Simple simple = DocShellCommands.simpleCommands(line).get(0);
        return OTHERS.stream().anyMatch(o -> o.covers(simple));
    }

    @Test
    void documentedConfigFilesAreValid() throws IOException {
        for (Path doc : DocShellCommands.documents(ROOT)) {
            for (Line block : DocShellCommands.blocks(doc, "yaml")) {
                Path config = home.resolve("config-" + doc.getFileName() + "-" + block.lineNumber() + ".yaml");
                Files.writeString(config, block.text());
                String problem = thunderEc2Problem(List.of("--config", config.toString(), "launch", "demo"));
                assertThat(problem)
                        .as(block.file().getFileName() + ":" + block.lineNumber() + " (yaml)")
                        .isNull();
            }
        }
    }

    @Test
    void standaloneLocalCloudCommandsStart() {
        List<Located> servers = commands().stream()
                .filter(c -> c.simple().program().equals("java"))
                .toList();
        for (Located command : servers) {
            List<String> args = new ArrayList<>(
                    command.simple().args().subList(2, command.simple().args().size()));
            // Any free port and a temporary directory: the documented ones may be in use on this machine.
            int port = args.indexOf("--port");
            if (port >= 0) {
                args.set(port + 1, "0");
            } else {
                args.addAll(List.of("--port", "0"));
            }
            int dataDir = args.indexOf("--data-dir");
            if (dataDir >= 0) {
                args.set(
                        dataDir + 1,
                        home.resolve("data-" + command.line().lineNumber()).toString());
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (LocalCloud cloud = LocalCloudServer.start(
                    args.toArray(new String[0]), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
                assertThat(cloud).as(command.line().toString()).isNotNull();
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("EC2 endpoint " + cloud.endpoint());
            }
        }
    }

    @Test
    void faultEndpointCommandsAnswer() throws Exception {
        List<Located> curls = commands().stream()
                .filter(c -> c.simple().program().equals("curl"))
                .toList();
        if (curls.isEmpty()) {
            return;
        }
        assumeTrue(onPath("curl"), "curl is not installed");
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            for (Located command : curls) {
                // Status code only: the command's own output is the faults in force.
                Shell result = shell(onCloud(command, cloud) + " -sS -o /dev/null -w '%{http_code}'");
                assertThat(result.exitCode())
                        .as(command.line() + ": " + result.output())
                        .isZero();
                assertThat(result.output()).as(command.line().toString()).isEqualTo("200");
                cloud.faults().clear();
            }
        }
    }

    @Test
    void awsCliCommandsWork() throws Exception {
        List<Located> awsCommands = commands().stream()
                .filter(c -> c.simple().program().equals("aws"))
                .toList();
        if (awsCommands.isEmpty()) {
            return;
        }
        assumeTrue(onPath("aws"), "the aws CLI is not installed");
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            for (Located command : awsCommands) {
                Shell result = shell(onCloud(command, cloud));
                assertThat(result.exitCode())
                        .as(command.line() + ": " + result.output())
                        .isZero();
            }
        }
    }

    /** A simple command and the doc line it is part of. */
    record Located(Line line, Simple simple) {}

    private static List<Located> commands() {
        List<Located> all = new ArrayList<>();
        for (Path doc : DocShellCommands.documents(ROOT)) {
            for (Line line : DocShellCommands.lines(doc)) {
                for (Simple simple : DocShellCommands.simpleCommands(line.text())) {
                    all.add(new Located(line, simple));
                }
            }
        }
        return all;
    }

    /** Null when the CLI parses {@code args} and the command's spec (if it has one) is valid. */
    private static String thunderEc2Problem(List<String> args) {
        Cli cli = Cli.withHome(home);
        ParseResult result;
        try {
            result = cli.parse(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            return "does not parse: " + e.getMessage();
        }
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        Object command = result.commandSpec().userObject();
        Method spec;
        try {
            spec = command.getClass().getDeclaredMethod("spec");
        } catch (NoSuchMethodException e) {
            return null; // a command without a cluster spec: parsing is all there is to check
        }
        try {
            spec.setAccessible(true);
            spec.invoke(command);
            return null;
        } catch (InvocationTargetException e) {
            return "parses, but its spec is refused: " + e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The documented build command names modules, tests, classes and properties that exist. */
    private static boolean mavenCommandExists(Simple command) {
        Set<String> goals = Set.of("clean", "test", "package", "verify", "install", "exec:java");
        Set<String> flags = Set.of("-B", "-q", "-o", "-am", "-DskipTests", "-Dsurefire.failIfNoSpecifiedTests=false");
        List<String> args = command.args();
        boolean anyGoal = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (goals.contains(arg)) {
                anyGoal = true;
            } else if (flags.contains(arg)) {
                continue;
            } else if (arg.equals("-f") || arg.equals("-pl")) {
                for (String module : args.get(++i).split(",")) {
                    if (!Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))) {
                        return false;
                    }
                }
            } else if (arg.startsWith("-Dtest=")) {
                for (String test : arg.substring("-Dtest=".length()).split(",")) {
                    if (!testClassExists(test.replaceAll("#.*", ""))) {
                        return false;
                    }
                }
            } else if (arg.startsWith("-Dexec.mainClass=")) {
                if (!exampleHasItsOwnTest(arg.substring("-Dexec.mainClass=".length()))) {
                    return false;
                }
            } else if (arg.startsWith("-Dthunder.ec2.endpoint=")) {
                if (!read(ROOT.resolve("pom.xml")).contains("<thunder.ec2.endpoint>")) {
                    return false;
                }
            } else if (!arg.startsWith("-Dexec.args=")) {
                return false;
            }
        }
        return anyGoal;
    }

    private static boolean testClassExists(String simpleName) {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.anyMatch(p -> p.toString().contains("/src/test/java/")
                    && p.getFileName().toString().equals(simpleName + ".java"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean exampleHasItsOwnTest(String mainClass) {
        String prefix = "org.thunderproject.ec2.examples.";
        if (!mainClass.startsWith(prefix)) {
            return false;
        }
        String simple = mainClass.substring(prefix.length());
        Path examples = ROOT.resolve("thunder-ec2-examples/src");
        Path source = examples.resolve("main/java/org/thunderproject/ec2/examples/" + simple + ".java");
        Path tests = examples.resolve("test/java/org/thunderproject/ec2/examples");
        return Files.isRegularFile(source)
                && read(source).contains("public static void main(String[] args)")
                && (Files.isRegularFile(tests.resolve(simple + "Test.java"))
                        || Files.isRegularFile(tests.resolve(simple + "IT.java")));
    }

    private static String onCloud(Located command, LocalCloud cloud) {
        String text = command.line().text();
        assertThat(text)
                .as(command.line() + " uses the local cloud's documented address")
                .contains(LOCAL_CLOUD_ADDRESS);
        return text.replace(LOCAL_CLOUD_ADDRESS, cloud.endpoint().getAuthority());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Shell(int exitCode, String output) {}

    private static Shell shell(String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "shell", ".out");
        Process process = new ProcessBuilder("sh", "-c", command)
                .directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 2 minutes: " + command);
        }
        return new Shell(process.exitValue(), Files.readString(out).strip());
    }
}
