package org.thunderproject.ec2;

/**
 * A tunnel to the cluster's Spark Connect server, as {@link Cluster#sparkConnect()} opened it: an
 * SSH local forward (the master's host key pinned, like every SSH connection of thunder-ec2) from
 * {@code localhost:PORT} on this machine to the server on the master's loopback
 * ({@code 127.0.0.1:}{@link ClusterSpec#sparkConnectPort()}), checked to answer before it was
 * returned. Nothing is opened in the security groups.
 *
 * <p>thunder-ec2 does not depend on Spark: add {@code org.apache.spark:spark-connect-client-jvm_2.13}
 * to use the URL.
 *
 * <pre>{@code
 * try (SparkConnect connect = cluster.sparkConnect()) {
 *   SparkSession spark = SparkSession.builder().remote(connect.url()).getOrCreate();
 *   spark.range(1000).groupBy(col("id").mod(10)).count().show();
 * }
 * }</pre>
 *
 * <p>Closing it ends the tunnel; the server keeps running on the master.
 */
public interface SparkConnect extends AutoCloseable {
    /** The port the master's Spark Connect server listens on unless the spec says otherwise (Spark's default). */
    int DEFAULT_REMOTE_PORT = 15002;

    /** {@code sc://localhost:PORT}, for {@code SparkSession.builder().remote(url)}. */
    String url();

    /** The local port the tunnel listens on (on this machine's loopback). */
    int localPort();

    /** Whether the tunnel still accepts connections. */
    boolean isOpen();

    /** Closes the tunnel (connections through it end); the server stays up on the master. Idempotent. */
    @Override
    void close();
}
