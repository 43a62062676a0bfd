package org.thunderproject.ec2;

import java.net.URI;
import java.util.Optional;

/**
 * A notebook server running on a cluster's master, as {@link Cluster#openNotebook} set it up.
 * Closing it ends what this machine holds open for it (the SSH forward of a
 * {@link SshTunnelNotebook}); the server keeps running on the master, for a later
 * {@code openNotebook}, until {@link Cluster#closeNotebook()} or the cluster's end.
 */
public interface Notebook extends AutoCloseable {

    /**
     * Where to browse: {@code https://MASTER:8888/} for {@link SslNotebook},
     * {@code http://localhost:L/?token=…} for {@link SshTunnelNotebook} (the token is a secret: the
     * URL is for the user, not for logs).
     */
    URI url();

    /** How it is reached. */
    NotebookAccess access();

    /**
     * The password thunder-ec2 generated for it ({@link SslNotebook#withGeneratedPassword()}):
     * known only to this object (the master keeps a hash), so show it to the user once.
     */
    Optional<String> generatedPassword();

    /** Whether this handle is still open (for a tunnel: whether the forward still accepts). */
    boolean isOpen();

    /** Closes the local side (the tunnel); the server stays up on the master. Idempotent. */
    @Override
    void close();
}
