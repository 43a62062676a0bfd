package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that refuses a PTY to a key whose line says {@code restrict} or
 * {@code no-pty}, as sshd does: the client is told the request failed ({@code ssh} prints "PTY
 * allocation request failed") and the command runs without a terminal.
 */
final class NodeChannelSession extends ChannelSession {

    private static final ChannelFactory FACTORY = new ChannelFactory() {
        @Override
        public String getName() {
            return "session";
        }

        @Override
        public org.apache.sshd.common.channel.Channel createChannel(org.apache.sshd.common.session.Session session) {
            return new NodeChannelSession();
        }
    };

    /** {@code factories} with the plain session channel replaced by this one. */
    static List<ChannelFactory> replacing(List<? extends ChannelFactory> factories) {
        List<ChannelFactory> replaced = new ArrayList<>(factories);
        replaced.replaceAll(f -> f.getName().equals(FACTORY.getName()) ? FACTORY : f);
        return replaced;
    }

    @Override
    protected RequestHandler.Result handlePtyReq(Buffer buffer, boolean wantReply) throws IOException {
        if (!LoginOptions.of(getSession()).pty()) {
            return RequestHandler.Result.ReplyFailure;
        }
        return super.handlePtyReq(buffer, wantReply);
    }
}
