package org.thunderproject.ec2.cli;

import static org.thunderproject.ec2.cli.DocShellCommands.ROOT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.thunderproject.ec2.cli.DocShellCommands.Simple;

/**
 * The commands the docs show that are not {@code thunder-ec2}'s, for {@link DocumentedCommandsTest}:
 * each kind with the check that it exists and what runs or checks it (README command (1), a test
 * of the examples module, {@link DocumentedLocalCloudCommandsTest}, ...).
 */
final class DocumentedOtherCommands {

    private DocumentedOtherCommands() {}

    /** A command that is not {@code thunder-ec2}'s, the check that it exists, and what exercises it. */
    record Other(String what, Pattern pattern, Predicate<Simple> check, String exercisedBy) {
        boolean covers(Simple command) {
            return pattern.matcher(command.text()).matches() && check.test(command);
        }
    }

    /** Every kind of command besides {@code thunder-ec2} the docs may show. */
    static final List<Other> OTHERS = List.of(
            new Other(
                    "the build",
                    Pattern.compile("mvn( .*)?"),
                    DocumentedOtherCommands::mavenCommandExists,
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
                    "DocumentedLocalCloudCommandsTest.standaloneLocalCloudCommandsStart starts it with the documented options"),
            new Other(
                    "fault injection over HTTP",
                    Pattern.compile("curl .*http://127\\.0\\.0\\.1:4566/_localcloud/faults"),
                    c -> true,
                    "DocumentedLocalCloudCommandsTest.faultEndpointCommandsAnswer runs them against a local cloud"),
            new Other(
                    "the AWS CLI",
                    Pattern.compile("aws --endpoint-url http://127\\.0\\.0\\.1:4566 .*"),
                    c -> true,
                    "DocumentedLocalCloudCommandsTest.awsCliCommandsWork runs them against a local cloud"),
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

    /** Whether one of {@link #OTHERS} covers the first simple command of {@code line}. */
    static boolean covered(String line) {
        Simple simple = DocShellCommands.simpleCommands(line).get(0);
        return OTHERS.stream().anyMatch(o -> o.covers(simple));
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
