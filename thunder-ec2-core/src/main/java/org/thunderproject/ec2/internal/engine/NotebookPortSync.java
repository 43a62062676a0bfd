package org.thunderproject.ec2.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.internal.notebook.Notebooks;

/**
 * The end of every operation that provisions services (launch, resume, start, addSlaves): port
 * 8888 is made to match the master's notebook mode, so that a mode set up on the master in a
 * session that ended abruptly is fixed by the next command. Best-effort: the cluster works
 * anyway, so a failure is a warning.
 */
final class NotebookPortSync {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookPortSync.class);

    private NotebookPortSync() {}

    /** After the stages up to {@code lastPhase}: syncs the rule when the services ran. */
    static void afterServices(LaunchContext ctx, CallerAddress callerAddress, LaunchPhase lastPhase) {
        if (lastPhase.compareTo(LaunchPhase.SERVICES) < 0) {
            return;
        }
        try {
            NotebookPort port =
                    new Notebooks(ctx.spec(), ctx.ec2(), ctx.inventory(), ctx.ssh(), callerAddress).syncPort();
            if (port.changed()) {
                LOG.info(
                        "{}: port 8888 {} for the master's notebook mode {}",
                        ctx.spec().name(),
                        port.openTo().isEmpty() ? "closed" : "opened to " + port.openTo(),
                        port.mode());
            }
        } catch (ThunderEc2Exception e) {
            ctx.events()
                    .warning("port 8888 could not be matched to the master's notebook mode (" + e.getMessage()
                            + "); 'thunder-ec2 login' or 'thunder-ec2 notebook' does it later");
        }
    }
}
