package org.thunderproject.ec2.bench;

import java.time.Duration;
import java.util.Optional;
import org.thunderproject.ec2.Cluster;

/**
 * A measurement on a launched cluster that adds a column to the table, before it is destroyed:
 * the seam for measures other work adds, for example the time from {@code sparkConnect()} to a
 * first query. Empty when it does not apply (say, a cluster without Spark).
 */
interface ExtraMeasure {
    /** The column's heading. */
    String name();

    /** Measures {@code cluster}; empty when it does not apply. */
    Optional<Duration> measure(Cluster cluster);
}
