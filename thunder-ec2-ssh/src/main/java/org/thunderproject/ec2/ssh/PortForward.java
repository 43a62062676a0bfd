package org.thunderproject.ec2.ssh;

import java.net.InetSocketAddress;

/**
 * An open local port forward ({@code ssh -L}): connections to {@link #localAddress()} are carried
 * over the SSH connection to the remote host and port. {@link #close()} stops listening, cuts the
 * forwarded connections and ends their threads. Closing the session closes it too.
 */
public interface PortForward extends AutoCloseable {
    /** What was asked for. */
    LocalForward spec();

    /** The address actually listened on (with the actual port when 0 was asked for). */
    InetSocketAddress localAddress();

    /** The port actually listened on. */
    default int localPort() {
        return localAddress().getPort();
    }

    /** Whether it still accepts connections. */
    boolean isOpen();

    /** Stops listening, closes the forwarded connections and waits for their threads to end. */
    @Override
    void close();
}
