package org.thunderproject.ec2.localcloud.internal.ssh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;

/**
 * Local port forwarding ({@code ssh -L}, direct-tcpip) to loopback targets only — the local cloud
 * never reaches past 127.0.0.0/8 — and none for a key whose line says {@code restrict} or {@code
 * no-port-forwarding}. No remote forwarding, agent or X11 forwarding.
 */
final class LoopbackForwarding implements ForwardingFilter {

    @Override
    public boolean canForwardAgent(Session session, String requestType) {
        return false;
    }

    @Override
    public boolean canForwardX11(Session session, String requestType) {
        return false;
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return false;
    }

    @Override
    public boolean canConnect(TcpForwardingFilter.Type type, SshdSocketAddress address, Session session) {
        return type == TcpForwardingFilter.Type.Direct
                && LoginOptions.of(session).portForwarding()
                && isLoopback(address.getHostName());
    }

    /** Loopback literals and {@code localhost} only; never a DNS lookup. */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv4Literal = host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean ipv6Literal = host.indexOf(':') >= 0;
        if (!ipv4Literal && !ipv6Literal) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
