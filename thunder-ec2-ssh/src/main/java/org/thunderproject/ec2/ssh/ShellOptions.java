package org.thunderproject.ec2.ssh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to open an interactive login shell: terminal type and size for its pseudo-terminal, port
 * forwards to keep open while it runs (the seed's {@code --ssh-port-forwarding L:R}), and
 * variables to export in it.
 */
public final class ShellOptions {
    private static final ShellOptions DEFAULTS = new ShellOptions("xterm-256color", 80, 24, List.of(), Map.of());
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String term;
    private final int columns;
    private final int rows;
    private final List<LocalForward> forwards;
    private final Map<String, String> environment;

    private ShellOptions(
            String term, int columns, int rows, List<LocalForward> forwards, Map<String, String> environment) {
        this.term = term;
        this.columns = columns;
        this.rows = rows;
        this.forwards = List.copyOf(forwards);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** {@code xterm-256color}, 80 x 24, no forwards. */
    public static ShellOptions defaults() {
        return DEFAULTS;
    }

    /** The terminal type ({@code $TERM} of the local terminal, usually). */
    public ShellOptions withTerm(String term) {
        Objects.requireNonNull(term, "term");
        if (term.isBlank()) {
            throw new IllegalArgumentException("term must not be blank");
        }
        return new ShellOptions(term, columns, rows, forwards, environment);
    }

    /** The initial window size in characters (later changes: {@link InteractiveShell#resize}). */
    public ShellOptions withSize(int columns, int rows) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("window size must be positive, got " + columns + "x" + rows);
        }
        return new ShellOptions(term, columns, rows, forwards, environment);
    }

    /** Forwards opened before the shell starts and closed when it ends. */
    public ShellOptions withForwards(List<LocalForward> forwards) {
        return new ShellOptions(term, columns, rows, Objects.requireNonNull(forwards, "forwards"), environment);
    }

    /** Adds one forward. */
    public ShellOptions withForward(LocalForward forward) {
        List<LocalForward> all = new ArrayList<>(forwards);
        all.add(Objects.requireNonNull(forward, "forward"));
        return new ShellOptions(term, columns, rows, all, environment);
    }

    /**
     * Variables exported in the shell. The shell is then started by a command that exports them and
     * execs the user's login shell ({@code exec "$SHELL" -l}), so no server-side {@code AcceptEnv}
     * is needed; values are quoted, never interpreted.
     *
     * @throws IllegalArgumentException a name is not a shell variable name
     */
    public ShellOptions withEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        environment.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a shell variable name: '" + name + "'");
            }
            Objects.requireNonNull(value, name);
        });
        return new ShellOptions(term, columns, rows, forwards, environment);
    }

    /** The variables exported in the shell (empty: a plain shell request). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The terminal type. */
    public String term() {
        return term;
    }

    /** The initial width in characters. */
    public int columns() {
        return columns;
    }

    /** The initial height in characters. */
    public int rows() {
        return rows;
    }

    /** The forwards kept open while the shell runs. */
    public List<LocalForward> forwards() {
        return forwards;
    }

    @Override
    public String toString() {
        return "ShellOptions[" + term + " " + columns + "x" + rows + ", forwards=" + forwards
                + (environment.isEmpty() ? "" : ", environment=" + environment.keySet()) + "]";
    }
}
