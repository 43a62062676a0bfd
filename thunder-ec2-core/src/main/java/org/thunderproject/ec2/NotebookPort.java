package org.thunderproject.ec2;

import java.util.List;
import java.util.Objects;

/**
 * Port 8888 on {@code NAME-master} as {@link Cluster#syncNotebookPort()} left it, matched to the
 * notebook mode the master has (set up by {@link Cluster#openNotebook} or by {@code setup-notebook}
 * / {@code setup-notebook-sshtunnel} typed there): open to the authorized CIDRs for the SSL
 * notebook, closed otherwise.
 *
 * @param mode the master's notebook mode
 * @param openTo the CIDRs port 8888 is open to now (empty: closed)
 * @param changed whether this call opened or closed anything
 */
public record NotebookPort(Mode mode, List<String> openTo, boolean changed) {

    /** Copies the list. */
    public NotebookPort {
        Objects.requireNonNull(mode, "mode");
        openTo = List.copyOf(openTo);
    }

    /** Which notebook the master has. */
    public enum Mode {
        /** No notebook is set up. */
        NONE,
        /** {@link SslNotebook}, or {@code setup-notebook}. */
        SSL,
        /** {@link SshTunnelNotebook}, or {@code setup-notebook-sshtunnel}. */
        TUNNEL
    }
}
