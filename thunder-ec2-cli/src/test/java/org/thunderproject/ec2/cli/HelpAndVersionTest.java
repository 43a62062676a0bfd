package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code --version} work on every command; the completion script is generated. */
class HelpAndVersionTest {

    @TempDir
    Path home;

    @Test
    void everyCommandHasHelpWithTheExitCodes() {
        Cli cli = Cli.withHome(home);
        List<String> commands =
                List.copyOf(cli.parse("--help").commandSpec().subcommands().keySet());
        assertThat(commands)
                .contains(
                        "launch",
                        "destroy",
                        "stop",
                        "start",
                        "login",
                        "notebook",
                        "get-master",
                        "describe",
                        "list",
                        "run-command",
                        "copy-file",
                        "add-slaves",
                        "remove-slaves",
                        "generate-completion",
                        "help");
        for (String command : commands) {
            Cli.Result result = cli.run(command, "--help");
            assertThat(result.exitCode()).as(command).isEqualTo(0);
            assertThat(result.out()).as(command).contains("Usage: thunder-ec2 " + command + " [OPTIONS]");
            assertThat(result.err()).as(command).isEmpty();
        }
        Cli.Result root = cli.run("--help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out())
                .contains("Exit codes:")
                .containsPattern("\n  0 +success\n")
                .containsPattern("\n  2 +bad command line")
                .containsPattern("\n  130 +interrupted \\(Ctrl-C\\)")
                .contains("Key pair:")
                .contains("Launch options (spark-ec2's):");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "launch",
                "destroy",
                "stop",
                "start",
                "login",
                "notebook",
                "run-command",
                "copy-file",
                "add-slaves"
            })
    void clusterCommandsDocumentTheExitCodesAndAnExample(String command) {
        Cli.Result result = Cli.withHome(home).run(command, "-h");
        assertThat(result.out()).contains("Exit codes:").contains("thunder-ec2 -k mykey -i ~/mykey.pem");
    }

    @Test
    void loginDocumentsThatItsExitCodeIsTheRemoteShells() {
        Cli.Result result = Cli.withHome(home).run("login", "--help");
        assertThat(result.out())
                .contains("N   the remote shell's exit status")
                .contains("login mycluster \\\n      --ssh-port-forwarding 8888:8888\n");
    }

    @Test
    void versionOnTheRootAndOnCommands() {
        Cli cli = Cli.withHome(home);
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"launch", "--version"}, {"describe", "-V"}}) {
            Cli.Result result = cli.run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).matches("(?s)thunder-ec2 \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*");
        }
    }

    @Test
    void completionForBashAndZsh() {
        Cli cli = Cli.withHome(home);
        Cli.Result bash = cli.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out())
                .contains("complete -F")
                .contains("launch")
                .contains("--ready-timeout")
                .contains("completion");
        Cli.Result zsh = cli.run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out())
                .startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .endsWith(bash.out());
        Cli.Result fish = cli.run("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(2);
        assertThat(fish.err())
                .isEqualTo("thunder-ec2: error: SHELL: 'fish' is not one of bash, zsh\n"
                        + "Try 'thunder-ec2 completion --help' for more information.\n");
    }

    @Test
    void commandSummariesAreWholeSentences() {
        String help = Cli.withHome(home).run("--help").out();
        String commands = help.substring(help.indexOf("Commands:\n") + "Commands:\n".length());
        // An entry and its wrapped continuation lines are one summary.
        String[] entries = commands.substring(0, commands.indexOf("\n\n")).split("\n(?=  [a-z])");
        assertThat(entries).hasSizeGreaterThan(10).allSatisfy(entry -> assertThat(entry.replaceAll("\n +", " "))
                .matches("  [a-z-]+ +[A-Z][^\n]*\\."));
    }

    @Test
    void bashCompletionScript() {
        Cli.Result result = Cli.withHome(home).run("generate-completion");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("complete -F")
                .contains("thunder-ec2")
                .contains("launch")
                .contains("--slaves");
    }
}
