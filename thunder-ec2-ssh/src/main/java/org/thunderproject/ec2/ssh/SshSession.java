package org.thunderproject.ec2.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An authenticated SSH connection to one host. Thread-safe: several commands, transfers and
 * forwards may run at once. {@link #close()} ends everything opened through it (forwards, shells,
 * reader threads). Remote relative paths are relative to the login directory.
 */
public interface SshSession extends AutoCloseable {
    /** The host. */
    SshTarget target();

    /** The fingerprint of the host key that was verified for this connection. */
    HostKeyFingerprint hostKey();

    /** Runs {@code command}; see {@link #exec(Exec)}. */
    default ExecResult exec(String command) {
        return exec(Exec.of(command));
    }

    /**
     * Runs a command and waits for it; output of any size is drained as it comes. A non-zero exit
     * is a result, not an exception (see {@link ExecResult#requireSuccess()}).
     *
     * @throws SshTimeoutException it ran past its timeout and was stopped
     * @throws SshException the connection failed
     */
    ExecResult exec(Exec exec);

    /**
     * Copies a local file or directory tree over SFTP to {@code remotePath}, which names the copy
     * itself (not its parent); permission bits and modification times are kept, missing parents are
     * created, existing files replaced and existing directories merged. A file's content is never
     * more readable than its final mode while it is written.
     */
    void upload(Path local, String remotePath);

    /**
     * Writes {@code content} to {@code remotePath} with permission bits {@code mode} (e.g.
     * {@code 0644}); the file is never more readable than that, even while it is written.
     */
    void writeFile(String remotePath, byte[] content, int mode);

    /**
     * Writes a secret to {@code remotePath} as a 0600 file, created with that mode from the start
     * (an existing file is narrowed to 0600 before it is truncated); missing parent directories are
     * created 0700. The content never reaches a log or an exception.
     */
    default void writeSecret(String remotePath, byte[] secret) {
        writeFile(remotePath, secret, 0600);
    }

    /** {@link #writeSecret(String, byte[])} with the UTF-8 bytes of {@code secret}. */
    void writeSecret(String remotePath, String secret);

    /** The content of a remote file. */
    byte[] readFile(String remotePath);

    /**
     * Opens a local port forward ({@code ssh -L}).
     *
     * @throws SshException the local port is taken, or the connection is gone
     */
    PortForward forward(LocalForward forward);

    /** Opens a login shell on a pseudo-terminal, with the forwards {@code options} asks for. */
    InteractiveShell openShell(ShellOptions options);

    /**
     * An interactive login: opens a shell, {@linkplain InteractiveShell#bridge bridges} it to
     * {@code in} and {@code out} until it ends, closes it and its forwards, and returns its exit
     * code. The caller puts its terminal in raw mode first, if it has one.
     */
    default int shell(ShellOptions options, InputStream in, OutputStream out) {
        try (InteractiveShell shell = openShell(options)) {
            return shell.bridge(in, out);
        }
    }

    /** Whether the connection is still up. */
    boolean isOpen();

    /** Closes the forwards and shells opened through it, then the connection. Idempotent. */
    @Override
    void close();
}
