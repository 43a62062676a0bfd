package org.thunderproject.ec2.internal.notebook;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.ssh.PortForward;

/** A {@link Notebook}: its URL, a generated password if any, and the tunnel it holds open, if any. */
final class OpenNotebook implements Notebook {
    private final URI url;
    private final NotebookAccess access;
    private final String generatedPassword;
    private final PortForward forward;
    private volatile boolean closed;

    OpenNotebook(URI url, NotebookAccess access, String generatedPassword, PortForward forward) {
        this.url = Objects.requireNonNull(url, "url");
        this.access = Objects.requireNonNull(access, "access");
        this.generatedPassword = generatedPassword;
        this.forward = forward;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public NotebookAccess access() {
        return access;
    }

    @Override
    public Optional<String> generatedPassword() {
        return Optional.ofNullable(generatedPassword);
    }

    @Override
    public boolean isOpen() {
        return !closed && (forward == null || forward.isOpen());
    }

    @Override
    public void close() {
        closed = true;
        if (forward != null) {
            forward.close();
        }
    }

    /** The URL without its query (which may hold the token). */
    @Override
    public String toString() {
        return "Notebook(" + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + ", " + access + ")";
    }
}
