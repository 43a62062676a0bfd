package org.thunderproject.ec2.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything of the outside world a command touches besides the cloud: its streams, whether
 * someone sits at a terminal, the home directory and the environment. Tests build their own.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final InputStream bytesIn;
    private final OutputStream bytesOut;
    private final boolean controllingTty;
    private final boolean interactive;
    private final boolean liveProgress;
    private final Path home;
    private final Map<String, String> env;
    private final Clock clock;

    private Terminal(
            PrintWriter out,
            PrintWriter err,
            Reader in,
            InputStream bytesIn,
            OutputStream bytesOut,
            boolean controllingTty,
            boolean interactive,
            boolean liveProgress,
            Path home,
            Map<String, String> env,
            Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.in = new BufferedReader(Objects.requireNonNull(in, "in"));
        this.bytesIn = Objects.requireNonNull(bytesIn, "bytesIn");
        this.bytesOut = Objects.requireNonNull(bytesOut, "bytesOut");
        this.controllingTty = controllingTty;
        this.interactive = interactive;
        this.liveProgress = liveProgress;
        this.home = Objects.requireNonNull(home, "home");
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The process's own streams, home directory and environment. */
    static Terminal system() {
        Charset charset =
                Optional.ofNullable(System.console()).map(c -> c.charset()).orElse(Charset.defaultCharset());
        boolean stdinTty = System.console() != null || isTty(0);
        Map<String, String> env = System.getenv();
        boolean dumb = "dumb".equals(env.get("TERM")) || env.containsKey("THUNDER_EC2_PLAIN");
        return new Terminal(
                new PrintWriter(new OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new OutputStreamWriter(System.err, charset), true),
                new InputStreamReader(System.in, charset),
                System.in,
                System.out,
                stdinTty,
                stdinTty,
                !dumb && isTty(2),
                home(env),
                env,
                Clock.systemDefaultZone());
    }

    /**
     * A terminal on given streams, for tests and embedding; never a real TTY. Commands that pass
     * bytes through (login) read {@code bytesIn} and write {@code bytesOut}.
     */
    public static Terminal of(
            PrintWriter out,
            PrintWriter err,
            Reader in,
            InputStream bytesIn,
            OutputStream bytesOut,
            boolean interactive,
            boolean liveProgress,
            Path home,
            Map<String, String> env,
            Clock clock) {
        return new Terminal(out, err, in, bytesIn, bytesOut, false, interactive, liveProgress, home, env, clock);
    }

    /** A terminal on given character streams, for tests; its byte streams are empty and discarded. */
    public static Terminal of(
            PrintWriter out,
            PrintWriter err,
            Reader in,
            boolean interactive,
            boolean liveProgress,
            Path home,
            Map<String, String> env,
            Clock clock) {
        return of(
                out,
                err,
                in,
                InputStream.nullInputStream(),
                OutputStream.nullOutputStream(),
                interactive,
                liveProgress,
                home,
                env,
                clock);
    }

    /** Results: what scripts read (addresses, tables, JSON). */
    public PrintWriter out() {
        return out;
    }

    /** Progress, prompts, warnings and errors. */
    public PrintWriter err() {
        return err;
    }

    /** Standard input as bytes, for a remote shell (login); never mixed with {@link #ask}. */
    public InputStream bytesIn() {
        return bytesIn;
    }

    /** Standard output as bytes, for a remote shell's output; flush {@link #out()} first. */
    public OutputStream bytesOut() {
        return bytesOut;
    }

    /**
     * Whether standard input is this process's own terminal, which {@code stty} can put in raw
     * mode ({@link LocalTty}); never for terminals built by {@link #of}.
     */
    public boolean controllingTty() {
        return controllingTty;
    }

    /** Whether a person can answer a prompt (standard input is a terminal). */
    public boolean interactive() {
        return interactive;
    }

    /** Whether progress may redraw one line in place (standard error is a capable terminal). */
    boolean liveProgress() {
        return liveProgress;
    }

    /** The user's home directory, which {@code ~} stands for. */
    public Path home() {
        return home;
    }

    /**
     * The CLI's own directory (config file, local cloud files, known hosts): {@code
     * THUNDER_EC2_HOME}, else {@code ~/.thunder-ec2}, as the AWS CLI's {@code ~/.aws} follows {@code HOME}.
     */
    public Path thunderHome() {
        return env("THUNDER_EC2_HOME")
                .filter(dir -> !dir.isBlank())
                .map(this::expand)
                .orElse(home.resolve(".thunder-ec2"));
    }

    /** An environment variable. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
    }

    /** The clock progress and timestamps use. */
    public Clock clock() {
        return clock;
    }

    /** Writes {@code prompt} to standard error and reads one line; empty at end of input. */
    public Optional<String> ask(String prompt) {
        err.print(prompt);
        err.flush();
        try {
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
    }

    /** {@code path} with a leading {@code ~} or {@code ~/} replaced by the home directory. */
    public Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    // $HOME, as every other command line tool takes it; Java's user.home is the account's home.
    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    // Java cannot ask isatty(); on Linux the descriptor's link names the terminal device.
    private static boolean isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            if (Files.isSymbolicLink(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | SecurityException e) {
            // fall through to the console heuristic
        }
        return System.console() != null;
    }
}
