package org.thunderproject.ec2.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Runs the CLI in this JVM on a terminal the test controls: its home, input and TTY-ness. */
public final class Cli {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {}

    private final Path home;
    private boolean interactive;
    private String input = "";
    private Map<String, String> env = Map.of();
    private InputStream bytesIn = InputStream.nullInputStream();
    private OutputStream bytesOut = OutputStream.nullOutputStream();

    private Cli(Path home) {
        this.home = home;
    }

    /** A CLI whose {@code ~} is {@code home}, without a terminal and with empty input. */
    public static Cli withHome(Path home) {
        return new Cli(home);
    }

    /** Pretends a person sits at a terminal and types {@code input}. */
    public Cli interactive(String input) {
        this.interactive = true;
        this.input = input;
        return this;
    }

    /** The byte streams a remote shell (login) reads and writes. */
    Cli shell(InputStream in, OutputStream out) {
        this.bytesIn = in;
        this.bytesOut = out;
        return this;
    }

    /** The environment variables the CLI sees. */
    public Cli env(Map<String, String> env) {
        this.env = Map.copyOf(env);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ThunderEc2Command.execute(terminal(out, err), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Parses without running, with the models a run builds: the seam to check what a command line means. */
    ParseResult parse(String... args) {
        CommandLine commandLine = ThunderEc2Command.commandLine(terminal(new StringWriter(), new StringWriter()), args);
        return commandLine.parseArgs(args);
    }

    /** The user object of the subcommand {@code args} name. */
    public <T> T command(Class<T> type, String... args) {
        ParseResult result = parse(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    Terminal terminal(StringWriter out, StringWriter err) {
        return Terminal.of(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new StringReader(input),
                bytesIn,
                bytesOut,
                interactive,
                false,
                home,
                env,
                Clock.systemUTC());
    }
}
