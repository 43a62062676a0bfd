package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.cli.CommandIndex.Entry;
import org.thunderproject.ec2.cli.commands.LaunchCommand;
import org.thunderproject.ec2.cli.commands.ListCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The index the root's help and usage errors come from says what the commands' own
 * {@code @Command}s say, and an invocation builds the model of the command it runs only.
 */
class CommandIndexTest {

    @TempDir
    Path home;

    @Test
    void summariesAreTheFirstLineOfEachCommandsHeaderElseDescription() {
        for (Entry entry : CommandIndex.ENTRIES) {
            Command command = entry.type().getAnnotation(Command.class);
            assertThat(command).as(entry.name()).isNotNull();
            assertThat(command.name()).isEqualTo(entry.name());
            String[] summary = command.header().length > 0 ? command.header() : command.description();
            assertThat(summary).as(entry.name()).isNotEmpty();
            assertThat(entry.summary()).as(entry.name()).isEqualTo(summary[0]);
        }
    }

    @Test
    void everyCommandOfTheCommandsPackageIsIndexed() {
        Set<String> commands = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.thunderproject.ec2.cli.commands")
                        .stream()
                        .filter(c -> c.isAnnotatedWith(Command.class))
                        .filter(c ->
                                !c.getAnnotationOfType(Command.class).name().equals("<main class>"))
                        .map(JavaClass::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> indexed = CommandIndex.ENTRIES.stream()
                .map(e -> e.type().getName())
                .filter(n -> n.startsWith("org.thunderproject.ec2.cli.commands."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(indexed).isEqualTo(commands).hasSize(CommandIndex.ENTRIES.size() - 2);
    }

    @Test
    void rootHelpFromTheIndexIsTheHelpWithEveryModel() {
        String fromIndex = usage("--help");
        // help shows any command's usage, so it builds every model.
        String fromModels = usage("help");
        assertThat(fromIndex).isEqualTo(fromModels).contains("Commands:").contains("  list ");
        assertThat(Cli.withHome(home).run("--help").out()).isEqualTo(fromModels);
    }

    @Test
    void onlyTheCommandThatRunsHasItsModel() {
        Map<String, CommandLine> commands =
                commandLine("-r", "us-east-1", "list").getSubcommands();
        assertThat(commands).containsOnlyKeys("list");
        assertThat(commands.get("list").getCommandSpec().userObject()).isInstanceOf(ListCommand.class);
        assertThat(commands.get("list").getCommandSpec().options()).isNotEmpty();
    }

    @Test
    void inheritedHelpOptionsComeLastAsWithCommandsTheRootsAnnotationDeclares() {
        int checked = 0;
        for (Entry entry : CommandIndex.ENTRIES) {
            List<String> names =
                    commandLine(entry.name()).getSubcommands().get(entry.name()).getCommandSpec().options().stream()
                            .map(OptionSpec::longestName)
                            .toList();
            if (!entry.type().getAnnotation(Command.class).mixinStandardHelpOptions() && names.contains("--version")) {
                assertThat(names.subList(names.size() - 2, names.size()))
                        .as(entry.name())
                        .containsExactly("--help", "--version");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
        // generate-completion asks for them itself: first, before what it inherits.
        assertThat(commandLine("generate-completion")
                        .getSubcommands()
                        .get("generate-completion")
                        .getCommandSpec()
                        .options()
                        .get(0)
                        .longestName())
                .isEqualTo("--help");
    }

    @Test
    void withoutACommandEveryNameIsKnownButNoModelIsBuilt() {
        Map<String, CommandLine> commands = commandLine("-k", "mykey", "--help").getSubcommands();
        assertThat(commands.keySet())
                .containsExactlyElementsOf(
                        CommandIndex.ENTRIES.stream().map(Entry::name).toList());
        for (Entry entry : CommandIndex.ENTRIES) {
            assertThat(commands.get(entry.name()).getCommandSpec().userObject())
                    .as(entry.name())
                    .isNotInstanceOf(entry.type());
        }
    }

    @Test
    void theRootsHelpIsTheSameWhenACommandFollows() {
        Cli.Result help = Cli.withHome(home).run("--help");
        for (String[] args : new String[][] {{"--help", "list"}, {"-h", "launch", "demo"}, {"-vh", "describe"}}) {
            Cli.Result result = Cli.withHome(home).run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).as(String.join(" ", args)).isEqualTo(help.out());
        }
    }

    @Test
    void commandsThatLookAtOtherCommandsGetEveryModel() {
        for (List<String> args :
                List.of(List.of("help"), List.of("completion", "bash"), List.of("generate-completion"))) {
            for (Entry entry : CommandIndex.ENTRIES) {
                assertThat(commandLine(args.toArray(String[]::new))
                                .getSubcommands()
                                .get(entry.name())
                                .getCommandSpec()
                                .userObject())
                        .as(args + ": " + entry.name())
                        .isInstanceOf(entry.type());
            }
        }
    }

    @Test
    void theCommandIsTheFirstWordThatNamesOne() {
        assertThat(CommandIndex.commandIn("-k", "mykey", "-i", "~/mykey.pem", "-s", "2", "launch", "list"))
                .contains("launch");
        assertThat(CommandIndex.commandIn("--region=us-east-1", "describe", "demo"))
                .contains("describe");
        assertThat(CommandIndex.commandIn("--help")).isEmpty();
        assertThat(CommandIndex.commandIn("-k", "mykey")).isEmpty();
        assertThat(CommandIndex.commandIn("--", "list")).isEmpty();
        assertThat(CommandIndex.commandIn("lanch", "demo")).isEmpty();
    }

    @Test
    void commandLinesThatNameNoCommandOrSeveralFailAsWithEveryModel() throws Exception {
        // picocli takes no command name as an option's value, so the first one is the command.
        for (List<String> args : List.of(
                List.of("-k", "list", "launch", "demo"),
                List.of("--", "list"),
                List.of("--bogus", "list"),
                List.of("list", "--bogus"),
                List.of("lanch", "list"),
                List.of("-s", "two", "launch", "demo"),
                List.of("launch", "demo", "--slave", "2"),
                List.of("lanch", "demo"),
                List.of("-k", "mykey"),
                List.<String>of())) {
            Cli.Result lazy = Cli.withHome(home).run(args.toArray(String[]::new));
            Cli.Result every = withEveryModel(args);
            assertThat(lazy.exitCode()).as(args.toString()).isEqualTo(2).isEqualTo(every.exitCode());
            // All but the "Try" line, which names the command, not the argument file.
            assertThat(withoutTryLine(lazy.err())).as(args.toString()).isEqualTo(withoutTryLine(every.err()));
            assertThat(lazy.err()).doesNotContain("internal error");
        }
    }

    @Test
    void argumentFilesGetEveryModel() throws Exception {
        Path file = Files.writeString(home.resolve("args"), "list --help\n");
        assertThat(commandLine("@" + file)
                        .getSubcommands()
                        .get("launch")
                        .getCommandSpec()
                        .userObject())
                .isInstanceOf(LaunchCommand.class);
        Cli.Result result = Cli.withHome(home).run("@" + file);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Usage: thunder-ec2 list [OPTIONS]");
    }

    /** Runs {@code args} from an argument file, which makes the CLI build every command's model. */
    private Cli.Result withEveryModel(List<String> args) throws Exception {
        Path file = Files.write(
                home.resolve("every-model-args"),
                List.of(args.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(" "))));
        return Cli.withHome(home).run("@" + file);
    }

    private static String withoutTryLine(String err) {
        return err.replaceFirst("Try 'thunder-ec2[a-z -]* --help' for more information.\n\\z", "");
    }

    private String usage(String... args) {
        return commandLine(args).getUsageMessage();
    }

    private CommandLine commandLine(String... args) {
        return ThunderEc2Command.commandLine(Cli.withHome(home).terminal(new StringWriter(), new StringWriter()), args);
    }
}
