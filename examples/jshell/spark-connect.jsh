// The cluster as a SparkSession in JShell: launch a cluster with Spark on the local cloud, open
// Spark Connect through its SSH tunnel, run a DataFrame query on the workers, then destroy it all.
// Run from the repository root, after a build that ran `package` (it writes classpath.txt and the
// Spark runtime the local cloud serves):
//   jshell -R--add-opens=java.base/java.nio=ALL-UNNAMED --class-path "$(cat thunder-ec2-examples/target/classpath.txt)" examples/jshell/spark-connect.jsh
// (The Spark Connect client needs that add-opens on Java 17.) On EC2: ThunderEc2.create() and your own spec.
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");   // before the first logger: quiet
import org.thunderproject.ec2.*;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.apache.spark.sql.SparkSession;
import static org.apache.spark.sql.functions.*;

var cloud = LocalCloud.builder().sparkRuntime(LocalCloud.builtSparkRuntime().orElseThrow()).start();
var thunder = ThunderEc2.builder().localCloud(cloud.endpoint(), cloud.region()).build();
var key = cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem"));
var port = org.thunderproject.ec2.examples.FreePort.onLoopback();   // the nodes share this machine's 127.0.0.1: a free port
var spec = ClusterSpec.builder().name("jshell-connect").keyPair("mykey", key).slaves(2).sshPort(cloud.sshPort()).sparkDownloadUrl(cloud.sparkDownloadUrl().orElseThrow()).sparkWorkerMemory("512m").pythonPackages(java.util.List.of()).sparkConnectPort(port).build();
var cluster = thunder.cluster(spec);
cluster.launch();
var connect = cluster.sparkConnect();
var spark = SparkSession.builder().remote(connect.url()).getOrCreate();
var df = spark.range(1_000_000).withColumn("group", col("id").mod(3)).groupBy("group").agg(count("*").as("count"), sum("id").as("sum")).orderBy("group");
df.collectAsList().forEach(row -> System.out.println("group " + row.get(0) + ": count " + row.get(1) + ", sum " + row.get(2)));
spark.stop();
connect.close();
cluster.destroy();
System.out.println("after destroy: " + thunder.find("jshell-connect").map(d -> d.state().toString()).orElse("nothing left"));
thunder.close();
cloud.close();
/exit
