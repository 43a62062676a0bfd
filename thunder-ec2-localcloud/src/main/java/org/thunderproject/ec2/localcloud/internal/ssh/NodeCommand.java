package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SignalListener;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec request or shell on an instance: a real process in the instance's home, its streams
 * copied to and from the channel by blocking pumps (so output of any size flows with SSH's window
 * and never deadlocks). As with OpenSSH, the channel closes when the process has exited AND its
 * stdout/stderr reached EOF: a background job that keeps the command's output open keeps the
 * session open too, and its output still arrives (see {@link OutputFifo}). When the client goes away, a PTY session gets HUP (its terminal closes) and a
 * plain command loses its pipes; neither is killed, like on a real host.
 */
final class NodeCommand implements Command, SignalListener {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
    private static final int BUFFER = 32 * 1024;

    private final NodeContext node;
    private final String command;
    private final String originalCommand;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback callback;
    private volatile Process process;
    private volatile boolean pty;
    private volatile Environment environment;
    private volatile List<OutputFifo> fifos = List.of();

    /** A command ({@code $SHELL -c command}), or a login shell when {@code command} is null. */
    NodeCommand(NodeContext node, String command) {
        this(node, command, null);
    }

    /** A forced {@code command} run instead of {@code originalCommand} (SSH_ORIGINAL_COMMAND; null: none). */
    NodeCommand(NodeContext node, String command, String originalCommand) {
        this.node = Objects.requireNonNull(node, "node");
        this.command = command;
        this.originalCommand = originalCommand;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> clientEnv = env.getEnv();
        pty = clientEnv.containsKey(Environment.ENV_TERM)
                && clientEnv.containsKey(Environment.ENV_COLUMNS)
                && clientEnv.containsKey(Environment.ENV_LINES);
        if (pty && node.tools().script().isEmpty()) {
            LOG.warn(
                    "{}: the client asked for a PTY but util-linux 'script' is absent; running without one",
                    node.instanceId());
            pty = false;
        }
        environment = env;
        ProcessBuilder builder =
                new ProcessBuilder(argv(env)).directory(node.home().toFile());
        Map<String, String> processEnv = builder.environment();
        processEnv.clear(); // a login gets a clean environment, never the JVM's (it may hold secrets)
        processEnv.putAll(node.environment());
        clientEnv.forEach((name, value) -> {
            if (name.equals("LANG") || name.startsWith("LC_")) {
                processEnv.put(name, value); // what Debian's sshd accepts (AcceptEnv LANG LC_*)
            }
        });
        if (pty) {
            processEnv.put("TERM", clientEnv.get(Environment.ENV_TERM));
        }
        if (originalCommand != null) {
            processEnv.put("SSH_ORIGINAL_COMMAND", originalCommand);
        }
        connectionVariables(channel, processEnv);
        builder.redirectErrorStream(pty); // a terminal has one output stream
        List<OutputFifo> fifos = List.of();
        if (!pty && node.tools().mkfifo().isPresent()) {
            // script is the only writer of a PTY session's output, so only plain commands need FIFOs.
            fifos = OutputFifo.create(
                    node.tools().mkfifo().get(), node.fifos(), UUID.randomUUID().toString());
            builder.redirectOutput(fifos.get(0).path().toFile());
            builder.redirectError(fifos.get(1).path().toFile());
        }
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            fifos.forEach(OutputFifo::close);
            throw e;
        }
        this.fifos = fifos;
        process = started;
        node.sessions().add(started);
        SessionMarkers.began(node.environment(), started.pid());
        env.addSignalListener(this);
        LOG.debug(
                "{}: started pid {} ({}{})",
                node.instanceId(),
                started.pid(),
                command == null ? "shell" : "exec",
                pty ? ", pty" : "");

        node.io().execute(() -> pumpInput(started));
        List<CompletableFuture<Void>> outputs = new ArrayList<>();
        InputStream stdout =
                fifos.isEmpty() ? started.getInputStream() : fifos.get(0).reader();
        outputs.add(CompletableFuture.runAsync(() -> pumpOutput(stdout, out), node.io()));
        if (!pty) {
            InputStream stderr =
                    fifos.isEmpty() ? started.getErrorStream() : fifos.get(1).reader();
            outputs.add(CompletableFuture.runAsync(() -> pumpOutput(stderr, err), node.io()));
        }
        // Waited for on our own threads (Process.onExit would hop through the JDK's default executor).
        List<OutputFifo> opened = fifos;
        outputs.add(CompletableFuture.runAsync(
                () -> {
                    awaitExit(started);
                    opened.forEach(OutputFifo::release);
                },
                node.io()));
        CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> exited(started));
    }

    private List<String> argv(Environment env) {
        HostTools tools = node.tools();
        String shell = tools.shell().toString();
        List<String> argv = new ArrayList<>();
        // Its own session and process group, as sshd gives every session.
        tools.setsid().ifPresent(setsid -> {
            argv.add(setsid.toString());
            argv.add("-w");
        });
        // A shell request starts a login shell, as sshd does (bash then reads ~/.bash_profile).
        String login = shell.endsWith("bash") ? "-l" : "-i";
        if (!pty) {
            argv.add(shell);
            if (command != null) {
                argv.add("-c");
                argv.add(command);
            } else if (login.equals("-l")) {
                argv.add(login);
            }
            return argv;
        }
        String inner = command == null ? "exec " + shell + " " + login : "exec " + shell + " -c " + quote(command);
        String size = PtyWindow.sttySize(env);
        argv.add(tools.script().orElseThrow().toString());
        argv.addAll(List.of("-q", "-f", "-e", "-c", size.isEmpty() ? inner : size + "; " + inner, "/dev/null"));
        return argv;
    }

    /** Single-quotes {@code text} for {@code /bin/sh}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static void connectionVariables(ChannelSession channel, Map<String, String> processEnv) {
        SocketAddress client = channel.getSession().getRemoteAddress();
        SocketAddress server = channel.getSession().getLocalAddress();
        if (client instanceof InetSocketAddress c && server instanceof InetSocketAddress s) {
            String clientPart = c.getAddress().getHostAddress() + " " + c.getPort();
            processEnv.put("SSH_CLIENT", clientPart + " " + s.getPort());
            processEnv.put("SSH_CONNECTION", clientPart + " " + s.getAddress().getHostAddress() + " " + s.getPort());
        }
    }

    private void pumpInput(Process started) {
        byte[] buffer = new byte[BUFFER];
        try (OutputStream toProcess = started.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                toProcess.write(buffer, 0, n);
                toProcess.flush();
            }
        } catch (IOException e) {
            // the channel or the process went away: either way the process's stdin is closed now
            LOG.trace("{}: stdin pump ended: {}", node.instanceId(), e.toString());
        }
    }

    private void pumpOutput(InputStream fromProcess, OutputStream toChannel) {
        byte[] buffer = new byte[BUFFER];
        try (fromProcess) {
            int n;
            while ((n = fromProcess.read(buffer)) >= 0) {
                toChannel.write(buffer, 0, n);
                toChannel.flush();
            }
        } catch (IOException e) {
            // The channel closed: closing our end of the pipe lets the process see EPIPE, as with sshd.
            LOG.trace("{}: output pump ended: {}", node.instanceId(), e.toString());
        }
    }

    private static void awaitExit(Process started) {
        boolean interrupted = false;
        while (true) {
            try {
                started.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // only the runtime's close interrupts; the process is being killed then
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void exited(Process started) {
        node.sessions().remove(started);
        SessionMarkers.ended(node.environment(), started.pid());
        fifos.forEach(OutputFifo::close);
        int status = started.exitValue();
        LOG.debug("{}: pid {} exited with {}", node.instanceId(), started.pid(), status);
        Environment env = environment;
        if (env != null) {
            env.removeSignalListener(this);
        }
        ExitCallback exit = callback;
        if (exit != null) {
            exit.onExit(status);
        }
    }

    @Override
    public void signal(Channel channel, Signal signal) {
        Process started = process;
        if (started == null || !started.isAlive()) {
            return;
        }
        if (signal == Signal.WINCH) {
            if (pty) {
                Environment env = environment;
                node.io().execute(() -> PtyWindow.resize(node.tools(), started, env));
            }
            return;
        }
        // sshd signals the session's shell; under script that is script's child.
        List<ProcessHandle> targets = pty ? started.toHandle().children().toList() : List.of(started.toHandle());
        node.tools().kill().ifPresent(kill -> node.io().execute(() -> {
            for (ProcessHandle target : targets) {
                runQuietly(List.of(kill.toString(), "-s", signal.name(), Long.toString(target.pid())));
            }
        }));
    }

    static void runQuietly(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            p.waitFor();
        } catch (IOException e) {
            LOG.debug("{} failed: {}", argv.get(0), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Environment env = environment;
        if (env != null) {
            env.removeSignalListener(this);
        }
        Process started = process;
        if (started == null || !started.isAlive()) {
            return;
        }
        if (pty) {
            // script closes the terminal when told to stop: the shell gets HUP, as when sshd closes a PTY.
            started.destroy();
        } else {
            closeQuietly(started.getOutputStream());
            closeQuietly(started.getInputStream());
            closeQuietly(started.getErrorStream());
            fifos.forEach(OutputFifo::close);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing to do: it is being closed because nobody reads or writes it any more
        }
    }
}
