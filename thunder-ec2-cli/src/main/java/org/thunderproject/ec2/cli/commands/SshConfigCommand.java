package org.thunderproject.ec2.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.options.AssumeYesOption;
import org.thunderproject.ec2.cli.options.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssh-config [NAME] [--install]}: prints thunder-ec2's OpenSSH configuration, or includes it. */
@Command(
        name = "ssh-config",
        description = {
            "Print thunder-ec2's OpenSSH configuration, so that 'ssh NAME' and 'ssh NAME-slave-N' (and scp,"
                    + " rsync, editors) reach the nodes with their host keys checked.",
            "",
            "launch, start, stop, add-slaves, remove-slaves and destroy keep it current in ~/.thunder-ec2/ssh_config;"
                    + " --install makes plain ssh read it."
        },
        footer = {
            "",
            "Examples:",
            "  ssh -F ~/.thunder-ec2/ssh_config mycluster",
            "  thunder-ec2 ssh-config mycluster",
            "  thunder-ec2 ssh-config --install && ssh mycluster-slave-1"
        })
public final class SshConfigCommand implements Callable<Integer> {

    @Mixin
    Invocation invocation;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this cluster's hosts.")
    String name;

    @Option(
            names = "--install",
            description = "Add one 'Include' line for it at the top of ~/.ssh/config, after"
                    + " asking; nothing else there changes.")
    boolean install;

    @Mixin
    AssumeYesOption yes;

    @Override
    public Integer call() {
        Terminal terminal = invocation.context().terminal();
        Path file = terminal.home().resolve(".thunder-ec2").resolve("ssh_config");
        if (install) {
            if (name != null) {
                throw new CommandFailure("--install includes the whole file: give no cluster NAME with it");
            }
            return new SshConfigInclude(terminal, new Confirmation(terminal, yes.assumeYes)).install(file);
        }
        if (!Files.exists(file)) {
            throw new CommandFailure("no SSH configuration yet: " + file + " is written when a cluster is launched or"
                    + " started ('thunder-ec2 start NAME' writes it for a running cluster)");
        }
        List<String> lines = read(file);
        PrintWriter out = terminal.out();
        if (name == null) {
            lines.forEach(out::println);
        } else {
            List<String> block = block(lines, name);
            if (block.isEmpty()) {
                throw new CommandFailure(
                        "no SSH configuration for cluster '" + name + "' in " + file + ": it is written"
                                + " when the cluster is launched or started ('thunder-ec2 start " + name + "')");
            }
            block.forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The lines from {@code # BEGIN cluster NAME …} to its {@code # END} (core writes these markers). */
    private static List<String> block(List<String> lines, String name) {
        int begin = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (begin < 0 && lines.get(i).startsWith("# BEGIN cluster " + name + " ")) {
                begin = i;
            } else if (begin >= 0 && lines.get(i).startsWith("# END cluster " + name + " ")) {
                return lines.subList(begin, i + 1);
            }
        }
        return List.of();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
