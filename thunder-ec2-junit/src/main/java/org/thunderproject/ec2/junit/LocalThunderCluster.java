package org.thunderproject.ec2.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One thunder-ec2 cluster on a local cloud for the whole test class: the cloud is started and the
 * cluster launched before all tests, and destroyed (then the cloud closed) after all of them.
 * Test and lifecycle methods take, as parameters or as fields that are still null, the
 * {@code Cluster}, the {@code ThunderEc2} bound to the cloud, the {@code LocalCloud}, an
 * {@code Ec2Client} on it and, with Spark, a {@code SparkConnect} tunnel to the cluster's Spark
 * Connect server (opened on first use, closed before the destroy; its {@code url()} is
 * {@code sc://localhost:PORT}).
 *
 * <pre>{@code
 * @LocalThunderCluster(slaves = 2, spark = true)
 * class MyJobTest {
 *   @Test
 *   void runs(SparkConnect connect) {
 *     SparkSession spark = SparkSession.builder().remote(connect.url()).getOrCreate();
 *     assertThat(spark.range(10).count()).isEqualTo(10);
 *   }
 * }
 * }</pre>
 *
 * <p>With {@link #spark()} the nodes install the Spark runtime the build makes
 * ({@code LocalCloud.builtSparkRuntime()}, system property {@code thunder.spark.runtime}); the
 * class is skipped (not failed) when that tarball does not exist. The cluster's spec is small on
 * purpose: 512m Spark workers, no Python packages, nothing downloaded from outside loopback.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalThunderClusterExtension.class)
public @interface LocalThunderCluster {

    /** The number of slaves (Spark workers); default 1. */
    int slaves() default 1;

    /**
     * Provision the services (Java, Spark, the Thunder environment, Jupyter): the launch goes to
     * {@code LaunchPhase.SERVICES}, every worker ALIVE. When false it stops at {@code SSH_READY}:
     * nodes answer SSH, nothing is installed. Default true.
     */
    boolean spark() default true;

    /**
     * Launch before all tests (default). When false the injected {@code Cluster} is a handle on
     * nothing yet: the tests launch it themselves (to watch the launch's events, say); it is
     * destroyed after the class either way.
     */
    boolean launch() default true;
}
