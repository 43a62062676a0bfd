// thunder-ec2 in JShell: a cluster on the local cloud, a command on every node, then nothing left.
// Run from the repository root, after a build that ran `package` (it writes classpath.txt):
//   jshell --class-path "$(cat thunder-ec2-examples/target/classpath.txt)" examples/jshell/quickstart.jsh
// Interactively: start jshell, give it the same class path with /env --class-path, paste these lines.
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");   // before the first logger: quiet
import org.thunderproject.ec2.*;
import org.thunderproject.ec2.localcloud.LocalCloud;

var cloud = LocalCloud.start();
var thunder = ThunderEc2.builder().localCloud(cloud.endpoint(), cloud.region()).build();
var key = cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem"));
var spec = ClusterSpec.builder().name("jshell").keyPair("mykey", key).slaves(2).sshPort(cloud.sshPort()).build();
var cluster = thunder.cluster(spec);
var launched = cluster.launch(LaunchPhase.SSH_READY);   // nodes running and answering SSH; no Spark installed
System.out.println("launched: " + launched.state() + ", master " + launched.master().flatMap(Node::address).orElse("-") + ", " + launched.slaves().size() + " slaves");
cluster.run("echo hello from $HOME").forEach(r -> System.out.println(r.node().role() + ": " + r.stdout().strip()));
cluster.destroy();
System.out.println("after destroy: " + thunder.find("jshell").map(d -> d.state().toString()).orElse("nothing left"));
thunder.close();
cloud.close();
/exit
