package org.thunderproject.ec2.cli.commands;

import java.util.Locale;
import java.util.Objects;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.Terminal;

/**
 * Asks before something that loses data. Only "y" or "yes" goes ahead (the old thunder script
 * terminated even on "n"); with {@code --assume-yes} nobody is asked; without a terminal to ask
 * on and without {@code --assume-yes} the command refuses before touching anything.
 */
public final class Confirmation {

    private final Terminal terminal;
    private final boolean assumeYes;

    Confirmation(Terminal terminal, boolean assumeYes) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.assumeYes = assumeYes;
    }

    /**
     * Fails unless the question can be answered: {@code --assume-yes} was given, or standard input
     * is a terminal. Call it before connecting, so a script without {@code -y} does nothing at all.
     *
     * @param action what would be done, like "destroy cluster 'demo'"
     * @throws CommandFailure when nobody can answer
     */
    void requireAnswerable(String action) {
        if (!assumeYes && !terminal.interactive()) {
            throw new CommandFailure("refusing to " + action + " without confirmation: standard input"
                    + " is not a terminal, so nobody can answer; add --assume-yes (-y) to confirm in scripts");
        }
    }

    /** Whether to go ahead: true with {@code --assume-yes}, else only on "y" or "yes". */
    boolean confirm(String question) {
        if (assumeYes) {
            return true;
        }
        String answer = terminal.ask(question + " [y/N] ").orElse("");
        String normalized = answer.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
    }
}
