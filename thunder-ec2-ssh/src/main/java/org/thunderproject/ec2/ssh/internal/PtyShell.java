package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.InteractiveShell;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.ShellOptions;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshTarget;
import org.thunderproject.ec2.ssh.SshTimeoutException;

/** A shell channel with a PTY; see {@link InteractiveShell}. */
public final class PtyShell implements InteractiveShell {
    private static final Logger LOG = LoggerFactory.getLogger(PtyShell.class);

    private final SshTarget target;
    private final Session session;
    private final Session.Shell shell;
    private final List<PortForward> forwards;
    private final Duration readTimeout;
    private final Consumer<? super PtyShell> onClose;

    private PtyShell(
            SshTarget target,
            Session session,
            Session.Shell shell,
            List<PortForward> forwards,
            Duration readTimeout,
            Consumer<? super PtyShell> onClose) {
        this.target = target;
        this.session = session;
        this.shell = shell;
        this.forwards = List.copyOf(forwards);
        this.readTimeout = readTimeout;
        this.onClose = onClose;
    }

    /**
     * Opens the shell; the forwards (already open) are closed with it, or now if this fails;
     * {@code onClose} hears when it is closed.
     */
    public static PtyShell open(
            SSHClient client,
            SshTarget target,
            ShellOptions options,
            List<PortForward> forwards,
            Duration readTimeout,
            Consumer<? super PtyShell> onClose) {
        Session session = null;
        try {
            session = client.startSession();
            session.allocatePTY(options.term(), options.columns(), options.rows(), 0, 0, Map.of());
            // With variables: a command that exports them and becomes the login shell (sshd's AcceptEnv
            // would drop them). SSHJ's session channel is both a Shell and a Command.
            Session.Shell shell = options.environment().isEmpty()
                    ? session.startShell()
                    : (Session.Shell) session.exec(loginCommand(options.environment()));
            LOG.debug("Opened a shell on {}", target);
            return new PtyShell(target, session, shell, forwards, readTimeout, onClose);
        } catch (IOException | RuntimeException e) {
            forwards.forEach(PortForward::close);
            if (session != null) {
                try {
                    session.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new SshException(target, "Cannot open a shell on " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@code export NAME='value' …; exec "${SHELL:-/bin/sh}" -l}. */
    static String loginCommand(Map<String, String> environment) {
        StringBuilder command = new StringBuilder();
        environment.forEach((name, value) -> command.append("export ")
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'; "));
        return command.append("exec \"${SHELL:-/bin/sh}\" -l").toString();
    }

    @Override
    public OutputStream input() {
        return shell.getOutputStream();
    }

    @Override
    public InputStream output() {
        return shell.getInputStream();
    }

    @Override
    public InputStream errorOutput() {
        return shell.getErrorStream();
    }

    @Override
    public void resize(int columns, int rows) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("window size must be positive, got " + columns + "x" + rows);
        }
        try {
            shell.changeWindowDimensions(columns, rows, 0, 0);
        } catch (IOException e) {
            throw new SshException(target, "Cannot resize the shell on " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<PortForward> forwards() {
        return forwards;
    }

    @Override
    public int bridge(InputStream in, OutputStream out) {
        Object outLock = new Object();
        Threads.start("thunder-ssh-shell-in", () -> {
            try (OutputStream remote = input()) {
                byte[] buf = new byte[8192];
                int n;
                while (shell.isOpen() && (n = in.read(buf)) != -1) {
                    remote.write(buf, 0, n);
                    remote.flush();
                }
            } catch (IOException e) {
                LOG.trace("Shell input ended", e);
            }
        });
        Thread err = Threads.start("thunder-ssh-shell-err", () -> copy(errorOutput(), out, outLock));
        copy(output(), out, outLock);
        try {
            err.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshInterruptedException(target, "Interrupted in a shell on " + target, e);
        }
        return waitFor(readTimeout);
    }

    @Override
    public int waitFor(Duration timeout) {
        try {
            shell.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SshInterruptedException(
                        target, "Interrupted in a shell on " + target, new InterruptedException());
            }
            LOG.trace("join", e);
        }
        if (shell.isOpen()) {
            throw new SshTimeoutException(
                    target, "The shell on " + target + " did not end within " + Durations.human(timeout), timeout);
        }
        Session.Command status = (Session.Command) shell;
        Signal signal = status.getExitSignal();
        return Signals.exitCode(status.getExitStatus(), signal == null ? null : signal.name());
    }

    @Override
    public boolean isOpen() {
        return shell.isOpen();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.trace("Closing the shell", e);
        }
        forwards.forEach(PortForward::close);
        onClose.accept(this);
    }

    private static void copy(InputStream from, OutputStream to, Object lock) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) != -1) {
                synchronized (lock) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            LOG.trace("Shell output ended", e);
        }
    }
}
