package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.cli.DocShellCommands.ROOT;
import static org.thunderproject.ec2.cli.DocumentedOtherCommands.OTHERS;
import static org.thunderproject.ec2.cli.DocumentedOtherCommands.covered;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.DocShellCommands.Line;
import org.thunderproject.ec2.cli.DocShellCommands.Located;
import org.thunderproject.ec2.cli.DocShellCommands.Simple;
import org.thunderproject.ec2.cli.commands.LocalCloudCommand;
import org.thunderproject.ec2.cli.options.LocalCloudFile;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every command the docs show in a {@code ```sh} block exists as shown. {@code thunder-ec2}
 * command lines are parsed by the CLI's own picocli model (unknown commands or options fail) and
 * their cluster spec is built and validated, without touching any cloud; so are the docs' YAML
 * config files. Every other command must be one of {@link DocumentedOtherCommands#OTHERS}, each
 * of which names what runs or checks it: README command (1), a test of the examples module, or
 * {@link DocumentedLocalCloudCommandsTest} (the standalone local cloud, {@code curl} on its fault
 * endpoint, the {@code aws} CLI against it).
 */
class DocumentedCommandsTest {

    /** The docs the project promises; each must show at least one command. */
    private static final List<String> DOCS = List.of("quickstart.md", "ec2-guide.md", "local-cloud.md", "testing.md");

    private static final Set<String> THUNDER_EC2 = Set.of("thunder-ec2", "bin/thunder-ec2", "./bin/thunder-ec2");

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
        for (Located command : DocShellCommands.located(ROOT)) {
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
        for (Located command : DocShellCommands.located(ROOT)) {
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
}
