package org.thunderproject.ec2.localcloud.internal.ssh;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * The OpenSSH options of the {@code authorized_keys} line a session logged in with, as sshd(8)
 * applies them: {@code command="…"} runs instead of whatever the client asks for (a command, a
 * shell or a subsystem), with {@code SSH_ORIGINAL_COMMAND} set to what it asked; {@code restrict}
 * (or {@code no-pty}, {@code no-port-forwarding}) refuses a PTY and port forwarding. Agent and X11
 * forwarding are never offered by the local cloud, so {@code no-agent-forwarding},
 * {@code no-X11-forwarding} and {@code no-user-rc} are accepted and change nothing. A line with
 * any other option is not used at all (the local cloud cannot honour {@code from=},
 * {@code permitopen=} and the like, so it fails closed rather than ignore a restriction).
 *
 * @param command the forced command, if any
 * @param pty whether a PTY may be allocated
 * @param portForwarding whether port forwarding (direct-tcpip) is allowed
 */
record LoginOptions(Optional<String> command, boolean pty, boolean portForwarding) {

    /** A line without options: everything the server offers. */
    static final LoginOptions NONE = new LoginOptions(Optional.empty(), true, true);

    /** Where the options of the key a session authenticated with are kept. */
    static final AttributeKey<LoginOptions> ATTRIBUTE = new AttributeKey<>();

    private static final Set<String> INERT = Set.of("no-agent-forwarding", "no-x11-forwarding", "no-user-rc");

    /**
     * The options of MINA's parsed map ({@code AuthorizedKeyEntry.getLoginOptions()}); empty when
     * the line has an option this server cannot honour.
     */
    static Optional<LoginOptions> of(Map<String, String> options) {
        Optional<String> command = Optional.empty();
        boolean pty = true;
        boolean forwarding = true;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String name = option.getKey().toLowerCase(java.util.Locale.ROOT);
            switch (name) {
                case "command" -> command = Optional.of(option.getValue());
                case "restrict" -> {
                    pty = false;
                    forwarding = false;
                }
                case "no-pty" -> pty = false;
                case "no-port-forwarding" -> forwarding = false;
                default -> {
                    if (!INERT.contains(name)) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(new LoginOptions(command, pty, forwarding));
    }

    /** The options of the key {@code session} authenticated with. */
    static LoginOptions of(Session session) {
        LoginOptions options = session.getAttribute(ATTRIBUTE);
        // Only KeyAuthenticator admits a session, and it always records the options of the key it admitted.
        return options == null ? NONE : options;
    }
}
