package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.HostKeyFingerprint;
import org.thunderproject.ec2.ssh.InteractiveShell;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.ShellOptions;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;
import org.thunderproject.ec2.ssh.SshTarget;

/** {@link SshSession} over an sshj client. */
public final class SshjSession implements SshSession {
    private static final Logger LOG = LoggerFactory.getLogger(SshjSession.class);

    private final SSHClient client;
    private final SshTarget target;
    private final HostKeyFingerprint hostKey;
    private final Duration readTimeout;
    private final ExecutorService threads;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Wraps a connected, authenticated client. */
    public SshjSession(Connector.Connected connected, SshTarget target, Duration readTimeout) {
        this.client = connected.client();
        this.target = Objects.requireNonNull(target, "target");
        this.hostKey = HostKeyFingerprint.of(connected.hostKey());
        this.readTimeout = readTimeout;
        this.threads = Executors.newCachedThreadPool(Threads.daemon("thunder-ssh-" + target.hostId()));
    }

    @Override
    public SshTarget target() {
        return target;
    }

    @Override
    public HostKeyFingerprint hostKey() {
        return hostKey;
    }

    @Override
    public ExecResult exec(Exec exec) {
        Objects.requireNonNull(exec, "exec");
        checkOpen();
        return ExecRunner.run(client, target, exec, threads, readTimeout);
    }

    @Override
    public void upload(Path local, String remotePath) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remotePath, "remotePath");
        checkOpen();
        try (SFTPClient sftp = client.newSFTPClient()) {
            new SftpTransfer(sftp).upload(local, remotePath);
            LOG.debug("Uploaded {} to {}:{}", local, target, remotePath);
        } catch (NoSuchFileException e) {
            throw new SshException(target, "Cannot upload " + local + ": it does not exist", e);
        } catch (IOException e) {
            throw new SshException(
                    target,
                    "Upload of " + local + " to " + target + ":" + remotePath + " failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void writeFile(String remotePath, byte[] content, int mode) {
        Objects.requireNonNull(remotePath, "remotePath");
        Objects.requireNonNull(content, "content");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException(
                    "mode must be permission bits (e.g. 0600), got " + Integer.toOctalString(mode));
        }
        checkOpen();
        try (SFTPClient sftp = client.newSFTPClient()) {
            // Parents of a private file are private too; others get the server's default.
            int parentMode = (mode & 0077) == 0 ? 0700 : -1;
            new SftpTransfer(sftp).write(remotePath, content, mode, parentMode);
        } catch (IOException e) {
            // The message names the path only, never the content.
            throw new SshException(target, "Cannot write " + target + ":" + remotePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeSecret(String remotePath, String secret) {
        writeSecret(remotePath, Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] readFile(String remotePath) {
        Objects.requireNonNull(remotePath, "remotePath");
        checkOpen();
        try (SFTPClient sftp = client.newSFTPClient()) {
            return new SftpTransfer(sftp).read(remotePath);
        } catch (IOException e) {
            throw new SshException(target, "Cannot read " + target + ":" + remotePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PortForward forward(LocalForward forward) {
        Objects.requireNonNull(forward, "forward");
        checkOpen();
        LocalForwarder f = LocalForwarder.open(client, target, forward);
        return track(new TrackedForward(f));
    }

    @Override
    public InteractiveShell openShell(ShellOptions options) {
        Objects.requireNonNull(options, "options");
        checkOpen();
        List<PortForward> forwards = new ArrayList<>();
        try {
            for (LocalForward f : options.forwards()) {
                forwards.add(LocalForwarder.open(client, target, f));
            }
        } catch (RuntimeException e) {
            forwards.forEach(PortForward::close);
            throw e;
        }
        PtyShell shell = PtyShell.open(client, target, options, forwards, readTimeout, open::remove);
        open.add(shell);
        return shell;
    }

    @Override
    public boolean isOpen() {
        return !closed && client.isConnected() && client.isAuthenticated();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing {} on {}", c, target, e);
            }
        }
        open.clear();
        Connector.closeQuietly(client);
        threads.shutdownNow();
        try {
            // Pumps end at once: their channels are gone and they were interrupted.
            if (!threads.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Some threads of the session to {} did not end", target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("Closed the connection to {}", target);
    }

    @Override
    public String toString() {
        return "SshSession[" + target + (isOpen() ? "" : ", closed") + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new SshException(target, "The SSH session to " + target + " is closed");
        }
        if (!client.isConnected()) {
            throw new SshException(target, "The SSH connection to " + target + " was lost");
        }
    }

    private PortForward track(TrackedForward f) {
        open.add(f);
        return f;
    }

    /** Forgets itself from the session when closed, so long sessions do not accumulate forwards. */
    private final class TrackedForward implements PortForward {
        private final LocalForwarder delegate;

        TrackedForward(LocalForwarder delegate) {
            this.delegate = delegate;
        }

        @Override
        public LocalForward spec() {
            return delegate.spec();
        }

        @Override
        public java.net.InetSocketAddress localAddress() {
            return delegate.localAddress();
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() {
            delegate.close();
            open.remove(this);
        }

        @Override
        public String toString() {
            return "PortForward[" + localAddress() + " -> " + target + " " + spec().remoteHost() + ":"
                    + spec().remotePort() + "]";
        }
    }
}
