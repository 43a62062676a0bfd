package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.Invocation;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: prints the shell completion script (picocli's, which zsh runs through bashcompinit). */
@Command(
        name = "completion",
        description = {
            "Print a shell completion script for bash or zsh.",
            "",
            "Load it in the current shell with 'source <(thunder-ec2 completion bash)', or",
            "for every shell: put that line in ~/.bashrc (zsh: 'completion zsh' in ~/.zshrc)."
        },
        footer = {"", "Examples:", "  source <(thunder-ec2 completion bash)", "  source <(thunder-ec2 completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells a script is made for. */
    enum Shell {
        bash,
        zsh
    }

    @Mixin
    Invocation invocation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("thunder-ec2", spec.root().commandLine());
        PrintWriter out = invocation.context().terminal().out();
        if (shell == Shell.zsh) {
            // picocli's script is bash's; zsh runs it through its bash compatibility.
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return ExitCodes.OK;
    }
}
