package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * The build's training run for the CLI's class-data-sharing archive: the package phase runs it
 * once with {@code -XX:ArchiveClassesAtExit}, so that {@code bin/thunder-ec2} starts from the
 * classes {@code --help}, {@code help} (every command's model), {@code --version} and {@code list}
 * load, already parsed and verified.
 * It uses an in-process local cloud without SSH on loopback and the home directory given as its
 * one argument (the build's), never the user's.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {}

    /** Runs the training commands; fails (non-zero exit) when one of them does not succeed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ArchiveTraining HOME_DIRECTORY");
        }
        Path home = Files.createDirectories(Path.of(args[0]));
        // What every real start links first (it prints nothing).
        Terminal.system();
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            run(home, List.of("--help"));
            // Builds every command's model: the classes the other commands' start loads.
            run(home, List.of("help"));
            run(home, List.of("--version"));
            run(home, List.of("--local", "--endpoint-url", cloud.endpoint().toString(), "list"));
        }
    }

    private static void run(Path home, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = Terminal.of(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new StringReader(""),
                false,
                false,
                home,
                Map.of(),
                Clock.systemUTC());
        int exitCode = ThunderEc2Command.execute(terminal, args.toArray(String[]::new));
        if (exitCode != 0) {
            throw new IllegalStateException("archive training: 'thunder-ec2 " + String.join(" ", args)
                    + "' exited with " + exitCode + ": " + err);
        }
    }
}
