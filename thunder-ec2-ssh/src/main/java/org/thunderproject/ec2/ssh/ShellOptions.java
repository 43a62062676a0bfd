package org.thunderproject.ec2.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to open an interactive login shell: terminal type and size for its pseudo-terminal, and
 * port forwards to keep open while it runs (the seed's {@code --ssh-port-forwarding L:R}).
 */
public final class ShellOptions {
  private static final ShellOptions DEFAULTS = new ShellOptions("xterm-256color", 80, 24, List.of());

  private final String term;
  private final int columns;
  private final int rows;
  private final List<LocalForward> forwards;

  private ShellOptions(String term, int columns, int rows, List<LocalForward> forwards) {
    this.term = term;
    this.columns = columns;
    this.rows = rows;
    this.forwards = List.copyOf(forwards);
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
    return new ShellOptions(term, columns, rows, forwards);
  }

  /** The initial window size in characters (later changes: {@link InteractiveShell#resize}). */
  public ShellOptions withSize(int columns, int rows) {
    if (columns < 1 || rows < 1) {
      throw new IllegalArgumentException("window size must be positive, got " + columns + "x" + rows);
    }
    return new ShellOptions(term, columns, rows, forwards);
  }

  /** Forwards opened before the shell starts and closed when it ends. */
  public ShellOptions withForwards(List<LocalForward> forwards) {
    return new ShellOptions(term, columns, rows, Objects.requireNonNull(forwards, "forwards"));
  }

  /** Adds one forward. */
  public ShellOptions withForward(LocalForward forward) {
    List<LocalForward> all = new ArrayList<>(forwards);
    all.add(Objects.requireNonNull(forward, "forward"));
    return new ShellOptions(term, columns, rows, all);
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
    return "ShellOptions[" + term + " " + columns + "x" + rows + ", forwards=" + forwards + "]";
  }
}
