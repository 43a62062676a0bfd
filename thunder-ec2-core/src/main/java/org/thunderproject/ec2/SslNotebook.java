package org.thunderproject.ec2;

import java.util.Objects;
import java.util.Optional;

/**
 * The seed's {@code setup-notebook}: the notebook server on the master's own address, port 8888,
 * over HTTPS with a self-signed certificate made on the master (its key 0600), behind a password
 * that is stored on the master only as a hash in the notebook's configuration. Port 8888 is
 * opened on {@code NAME-master} to the cluster's authorized CIDRs, and only there.
 * {@link Notebook#url()} is {@code https://MASTER:8888/}; browsers warn about the certificate.
 *
 * <pre>{@code
 * Notebook nb = cluster.openNotebook(SslNotebook.withGeneratedPassword());
 * System.out.println(nb.url() + " password: " + nb.generatedPassword().orElseThrow());
 * }</pre>
 */
public final class SslNotebook implements NotebookAccess {
    /** The port the seed used. */
    public static final int PORT = 8888;

    private final String password;

    private SslNotebook(String password) {
        this.password = password;
    }

    /**
     * With the user's password. It travels to the master over SSH on a command's stdin, is hashed
     * there, and is never written, logged or shown in a process list.
     *
     * @throws IllegalArgumentException the password is empty or has a line break
     */
    public static SslNotebook withPassword(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the notebook password must be non-empty and on one line");
        }
        return new SslNotebook(password);
    }

    /** With a random password, made here and returned once by {@link Notebook#generatedPassword()}. */
    public static SslNotebook withGeneratedPassword() {
        return new SslNotebook(null);
    }

    /** The user's password; empty when one is to be generated. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public int remotePort() {
        return PORT;
    }

    /** Says whether a password was given, never the password. */
    @Override
    public String toString() {
        return "SslNotebook(port " + PORT + ", " + (password == null ? "generated password" : "given password") + ")";
    }
}
