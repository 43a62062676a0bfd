package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.SshConnectException;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshTarget;
import org.thunderproject.ec2.ssh.SshTimeoutException;

/**
 * Runs one command on an open connection. Stdout and stderr are drained by two threads at once
 * (an SSH channel has one flow-control window for both, so reading one while the other fills
 * would deadlock); the caller's thread only waits, so the timeout and interrupts are exact.
 */
public final class ExecRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExecRunner.class);

    private ExecRunner() {}

    /** Runs {@code exec} on {@code client}; pumps run on {@code threads}. */
    public static ExecResult run(
            SSHClient client, SshTarget target, Exec exec, ExecutorService threads, Duration readTimeout) {
        long start = System.nanoTime();
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw new SshException(target, "Cannot open a session on " + target + ": " + e.getMessage(), e);
        }
        Session.Command command = null;
        boolean abandoned = false;
        Future<?> out = null;
        Future<?> err = null;
        Future<?> in = null;
        try {
            if (exec.pty()) {
                session.allocateDefaultPTY();
            }
            LOG.debug("{}: running {}", target, exec.command());
            command = session.exec(exec.command());
            StreamPump stdout = new StreamPump(
                    command.getInputStream(), exec.stdoutListener().orElse(null), exec.outputLimit());
            StreamPump stderr = new StreamPump(
                    command.getErrorStream(), exec.stderrListener().orElse(null), exec.outputLimit());
            out = threads.submit(stdout);
            err = threads.submit(stderr);
            OutputStream stdin = command.getOutputStream();
            byte[] input = exec.stdin().orElse(null);
            in = threads.submit(() -> feed(stdin, input));

            long deadline = exec.timeout().map(t -> start + t.toNanos()).orElse(Long.MAX_VALUE);
            if (!await(out, deadline) || !await(err, deadline)) {
                stop(command);
                abandoned = true;
                throw new SshTimeoutException(
                        target,
                        "Command on " + target + " did not finish within "
                                + Durations.human(exec.timeout().orElseThrow()) + " and was stopped: " + exec.command(),
                        exec.timeout().orElseThrow());
            }
            try {
                command.join(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                LOG.debug("{}: no channel close after the output ended", target, e);
            }
            if (stdout.readFailure() != null || stderr.readFailure() != null) {
                IOException e = stdout.readFailure() != null ? stdout.readFailure() : stderr.readFailure();
                throw new SshException(
                        target,
                        "Lost the output of a command on " + target + ": " + e.getMessage() + ": " + exec.command(),
                        e);
            }
            RuntimeException listenerFailure =
                    stdout.listenerFailure() != null ? stdout.listenerFailure() : stderr.listenerFailure();
            if (listenerFailure != null) {
                throw new SshException(
                        target,
                        "An output listener failed for a command on " + target + ": " + exec.command(),
                        listenerFailure);
            }
            Signal signal = command.getExitSignal();
            if (command.getExitStatus() == null && signal == null && !client.isConnected()) {
                throw new SshConnectException(
                        target, "Lost the connection to " + target + " while running: " + exec.command(), null);
            }
            return ExecResult.of(
                    target,
                    exec.command(),
                    command.getExitStatus(),
                    signal == null ? null : signal.name(),
                    stdout.text(),
                    stdout.truncated(),
                    stderr.text(),
                    stderr.truncated(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            stop(command);
            abandoned = true;
            Thread.currentThread().interrupt();
            throw new SshInterruptedException(target, "Interrupted while running a command on " + target, e);
        } catch (IOException e) {
            throw new SshException(
                    target, "Cannot run a command on " + target + ": " + e.getMessage() + ": " + exec.command(), e);
        } finally {
            cancel(in);
            cancel(out);
            cancel(err);
            if (abandoned) {
                // A server may keep the channel until the process ends (OpenSSH ignores signals for
                // some logins): close it in the background rather than wait for that.
                closeLater(session, threads, target);
            } else {
                closeQuietly(session, target);
            }
        }
    }

    private static void closeLater(Session session, ExecutorService threads, SshTarget target) {
        try {
            threads.execute(() -> closeQuietly(session, target));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The session is closing anyway, and with it the connection.
            LOG.trace("{}: session closing", target, e);
        }
    }

    private static void closeQuietly(Session session, SshTarget target) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.trace("{}: closing the session", target, e);
        }
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            if (input != null) {
                stdin.write(input);
                stdin.flush();
            }
        } catch (IOException e) {
            // The command may exit without reading its input; that is its business.
            LOG.trace("Writing stdin", e);
        }
    }

    private static boolean await(Future<?> f, long deadlineNanos) throws InterruptedException {
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                f.get();
            } else {
                f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("output pump failed", e.getCause());
        }
    }

    private static void stop(Session.Command command) {
        if (command == null) {
            return;
        }
        try {
            command.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            LOG.trace("Sending KILL", e);
        }
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(true);
        }
    }
}
