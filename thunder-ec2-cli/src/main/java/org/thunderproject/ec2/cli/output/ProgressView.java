package org.thunderproject.ec2.cli.output;

import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterListener;
import org.thunderproject.ec2.cli.Terminal;

/** Shows an operation's events to the user; close it when the operation ends. */
public interface ProgressView extends ClusterListener, AutoCloseable {

    /** Ends the display (stops redrawing, clears a live line); idempotent. */
    @Override
    void close();

    /** With {@code -q}: only warnings, as plain lines. */
    static ProgressView warningsOnly(Terminal terminal) {
        return new ProgressView() {
            @Override
            public void onEvent(ClusterEvent event) {
                if (event instanceof ClusterEvent.Warning warning) {
                    terminal.err().println("warning: " + warning.message());
                }
            }

            @Override
            public void close() {}
        };
    }
}
