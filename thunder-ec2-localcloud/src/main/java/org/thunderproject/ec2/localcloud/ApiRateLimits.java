package org.thunderproject.ec2.localcloud;

/**
 * Which API rate limits the local cloud enforces. Off by default: tests and the quickstart make
 * calls in bursts a real account would pace, and a limit there would only slow them down; turn
 * {@link #EC2} on to see what EC2 would do to a client (see docs/local-cloud.md for the buckets).
 */
public enum ApiRateLimits {
    /** No limits (the default). */
    NONE,
    /**
     * EC2's token buckets, per region and access key, as "Request throttling for the Amazon EC2
     * API" documents them; a call over the limit gets {@code RequestLimitExceeded} (HTTP 503).
     */
    EC2
}
