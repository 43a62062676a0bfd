package org.thunderproject.ec2.ssh.internal;

import java.net.InetSocketAddress;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.SshSession;

/** A forward that owns its connection: closing it closes both. */
public final class SessionBoundForward implements PortForward {
    private final PortForward forward;
    private final SshSession session;

    /** Binds {@code forward} to {@code session}. */
    public SessionBoundForward(PortForward forward, SshSession session) {
        this.forward = forward;
        this.session = session;
    }

    @Override
    public LocalForward spec() {
        return forward.spec();
    }

    @Override
    public InetSocketAddress localAddress() {
        return forward.localAddress();
    }

    @Override
    public boolean isOpen() {
        return forward.isOpen() && session.isOpen();
    }

    @Override
    public void close() {
        try {
            forward.close();
        } finally {
            session.close();
        }
    }

    @Override
    public String toString() {
        return forward.toString();
    }
}
