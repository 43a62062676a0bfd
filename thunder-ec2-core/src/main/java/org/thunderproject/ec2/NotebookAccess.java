package org.thunderproject.ec2;

/**
 * How a user reaches the Jupyter notebook on the master: one of the seed's two ways, which
 * exclude each other. {@link Cluster#openNotebook(NotebookAccess)} sets the chosen one up and
 * removes the other (its server, its configuration and, for SSL, the port 8888 rule).
 *
 * <ul>
 *   <li>{@link SslNotebook}: HTTPS with a self-signed certificate and a password, on the master's
 *       address, port 8888 opened on {@code NAME-master} to the authorized CIDRs only.
 *   <li>{@link SshTunnelNotebook}: plain HTTP on the master's loopback, reached through an SSH local
 *       forward from a port on this machine; nothing is opened in the security groups.
 * </ul>
 */
public sealed interface NotebookAccess permits SslNotebook, SshTunnelNotebook {

    /** The port the notebook server listens on, on the master. */
    int remotePort();
}
