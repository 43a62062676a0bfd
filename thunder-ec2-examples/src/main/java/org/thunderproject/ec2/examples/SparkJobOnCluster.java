package org.thunderproject.ec2.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.launcher.JavaModuleOptions;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * A Spark job on a cluster, the way it runs on EC2: launch a cluster with Spark, copy the job's
 * jar to the master, and run its driver there, inside the cluster's network, against the
 * cluster's master URL. Here the cluster is on the local cloud, which serves the Spark runtime the
 * build makes; with {@code ThunderEc2.create()} and an EC2 spec the same calls run on EC2.
 *
 * <p>The job is {@link SparkJob}: it counts primes on the workers and names the hosts its executors
 * ran on. Takes no arguments; needs {@code mvn package} to have built the Spark runtime.
 */
public final class SparkJobOnCluster {

  /** Where the job's jar goes on the master, relative to the login user's home. */
  static final String REMOTE_JAR = "jobs/thunder-ec2-examples-job.jar";
  /** Primes are counted below this. */
  static final long LIMIT = 2_000_000L;

  private SparkJobOnCluster() {}

  /**
   * Runs the job on the running {@code cluster}: copies the jar holding {@link SparkJob} to the
   * master and runs its driver there.
   *
   * @return the driver's result line: {@code N primes below LIMIT, computed in … by executors on [HOSTS]}
   * @throws IllegalStateException when the driver fails
   */
  static String runOnMaster(Cluster cluster, int cores) {
    Objects.requireNonNull(cluster, "cluster");
    Node master = cluster.master();
    String driverHost = master.privateIp().orElseThrow();
    try (JobJar jar = JobJar.of(SparkJob.class)) {
      cluster.copy(jar.path(), REMOTE_JAR, NodeSelector.MASTER);
    }
    // thunder.env (written by thunder-ec2 on the master) names SPARK_HOME and SPARK_MASTER_URL.
    String command = ". ~/.thunder-ec2/thunder.env && SPARK_DRIVER_HOST=" + driverHost
        + " java -Xmx512m " + JavaModuleOptions.defaultModuleOptions()
        + " -cp \"" + REMOTE_JAR + ":$SPARK_HOME/jars/*\" " + SparkJob.class.getName()
        + " \"$SPARK_MASTER_URL\" " + LIMIT + " " + cores;
    List<CommandResult> results = cluster.run(command, NodeSelector.MASTER);
    CommandResult driver = results.get(0);
    if (!driver.isSuccess()) {
      throw new IllegalStateException("the Spark driver on the master exited with " + driver.exitStatus() + ": "
          + tail(driver.stderr()));
    }
    // The result line; Spark's own logging may share the stream.
    return driver.stdout().lines().filter(l -> l.contains(" primes below ")).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("the Spark driver printed no result: " + tail(driver.stdout())));
  }

  /** Launches a 2-slave cluster with Spark on a new local cloud, runs the job, destroys the cluster. */
  static void run(PrintStream out) {
    Path runtime = LocalCloud.builtSparkRuntime().orElseThrow(() -> new IllegalStateException(
        "no Spark runtime tarball: build it first with mvn -B -q -DskipTests install"));
    try (LocalCloud cloud = LocalCloud.builder().sparkRuntime(runtime).start();
        ThunderEc2 thunder = cloud.client()) {
      ClusterSpec spec = ClusterSpec.builder()
          .name("spark-job")
          .keyPair("mykey", cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem")))
          .slaves(2)
          .sshPort(cloud.sshPort())
          .sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow())
          .sparkWorkerMemory("512m")   // the local nodes share this machine's memory
          .pythonPackages(List.of())   // nothing to fetch from a package index
          .build();
      Cluster cluster = thunder.cluster(spec);
      try {
        cluster.launch();
        out.println("Cluster '" + spec.name() + "' runs Spark at " + cluster.masterUrl() + " (web UI "
            + cluster.webUiUrl() + ")");
        out.println("Driver on the master: " + runOnMaster(cluster, 2));
      } finally {
        cluster.destroy();
        out.println("Cluster '" + spec.name() + "' destroyed.");
      }
    }
  }

  private static String tail(String text) {
    String[] lines = text.strip().split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }

  /** Runs the example; takes no arguments. */
  public static void main(String[] args) {
    run(System.out);
  }
}
