package org.thunderproject.ec2.cli;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The user's terminal ({@code /dev/tty}) during {@code login}: raw mode while the remote shell
 * runs, so keys like Ctrl-C and Tab reach the remote side, its window size, and resizes. Java
 * cannot set terminal modes itself, so this runs {@code stty} with {@code /dev/tty} as its input.
 * Only the CLI's own process uses it; tests drive it under util-linux {@code script}.
 */
final class LocalTty implements AutoCloseable {

  private static final File DEV_TTY = new File("/dev/tty");
  private static final long STTY_TIMEOUT_SECONDS = 10;

  private final String savedMode;
  private final Thread restoreHook;
  private boolean restored;

  private LocalTty(String savedMode) {
    this.savedMode = savedMode;
    // A kill (SIGTERM, SIGHUP) must not leave the user's terminal raw; Ctrl-C is a key in raw mode.
    this.restoreHook = new Thread(this::restore, "thunder-ec2-tty-restore");
    Runtime.getRuntime().addShutdownHook(restoreHook);
  }

  /**
   * Puts the terminal in raw mode without local echo ({@code stty raw -echo}) and returns the
   * handle that restores it; empty when there is no usable terminal.
   */
  static Optional<LocalTty> enterRawMode() {
    Optional<String> saved = stty("-g").map(String::trim).filter(s -> !s.isEmpty());
    if (saved.isEmpty() || stty("raw", "-echo").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LocalTty(saved.get()));
  }

  /** The window size as {@code [columns, rows]}; empty when unknown (zero under a bare pty). */
  static Optional<int[]> size() {
    return stty("size").flatMap(LocalTty::parseSize);
  }

  /** {@code "ROWS COLUMNS"} as {@code stty size} prints it, as {@code [columns, rows]}. */
  static Optional<int[]> parseSize(String sttySize) {
    String[] parts = sttySize.trim().split("\\s+");
    if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int rows = Integer.parseInt(parts[0]);
    int columns = Integer.parseInt(parts[1]);
    return rows > 0 && columns > 0 ? Optional.of(new int[] {columns, rows}) : Optional.empty();
  }

  /**
   * Calls {@code resized} with the new {@code [columns, rows]} whenever the window changes
   * (SIGWINCH) until the returned registration is closed; empty when this JVM cannot catch the
   * signal, then the size stays as it started. Reflection keeps {@code sun.misc} out of the
   * compiler's sight (it warns about every use).
   */
  static Optional<Resizes> onResize(Consumer<int[]> resized) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object winch = signalType.getConstructor(String.class).newInstance("WINCH");
      Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              size().ifPresent(resized);
              yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "thunder-ec2 window resize handler";
          });
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object previous = handle.invoke(null, winch, handler);
      return Optional.of(() -> {
        try {
          handle.invoke(null, winch, previous);
        } catch (ReflectiveOperationException e) {
          // Leaving our handler in place only costs a stty call on a later resize.
        }
      });
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** A resize handler in place; closing it puts the previous one back. */
  interface Resizes extends AutoCloseable {
    @Override
    void close();
  }

  /** Restores the mode the terminal had before; idempotent. */
  @Override
  public void close() {
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restoreHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down; the hook restores (or has restored) the mode.
    }
  }

  private synchronized void restore() {
    if (!restored) {
      restored = true;
      stty(savedMode);
    }
  }

  /** Runs {@code stty ARGS < /dev/tty}; its output, or empty when it fails or there is no tty. */
  private static Optional<String> stty(String... args) {
    if (!DEV_TTY.exists()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of("stty"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(DEV_TTY))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(new String(output, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      // No controlling terminal (opening /dev/tty fails) or no stty: no raw mode, no size.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
