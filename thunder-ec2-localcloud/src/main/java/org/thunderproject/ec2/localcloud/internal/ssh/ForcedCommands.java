package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * What each way of starting a program on a node runs: what the client asked for, or the forced
 * {@code command="…"} of the key the session logged in with, which sshd runs instead of a command,
 * a shell and a subsystem alike, with {@code SSH_ORIGINAL_COMMAND} set to the command asked for.
 */
final class ForcedCommands {
    /** What a subsystem request for SFTP runs on Amazon Linux (its sshd_config's {@code Subsystem sftp}). */
    static final String SFTP_SERVER = "/usr/libexec/openssh/sftp-server";

    private ForcedCommands() {}

    /** An exec request for {@code command}. */
    static Command exec(NodeContext node, ChannelSession channel, String command) {
        return LoginOptions.of(channel.getSession())
                .command()
                .map(forced -> new NodeCommand(node, forced, command))
                .orElseGet(() -> new NodeCommand(node, command));
    }

    /** A shell request (no SSH_ORIGINAL_COMMAND: the client asked for no command). */
    static Command shell(NodeContext node, ChannelSession channel) {
        return LoginOptions.of(channel.getSession())
                .command()
                .map(forced -> new NodeCommand(node, forced))
                .orElseGet(() -> new NodeCommand(node, null));
    }

    /** {@code subsystem}, or the forced command in its place. */
    static SubsystemFactory subsystem(NodeContext node, SubsystemFactory subsystem) {
        return new SubsystemFactory() {
            @Override
            public String getName() {
                return subsystem.getName();
            }

            @Override
            public Command createSubsystem(ChannelSession channel) throws IOException {
                var forced = LoginOptions.of(channel.getSession()).command();
                if (forced.isPresent()) {
                    return new NodeCommand(node, forced.get(), SFTP_SERVER);
                }
                return subsystem.createSubsystem(channel);
            }
        };
    }
}
