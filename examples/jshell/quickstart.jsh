// thunder-ec2 in JShell: launch a cluster on the local cloud, look at it, destroy it.
// Run from the repository root, after a build that ran `package` (it writes classpath.txt):
//   jshell --class-path "$(cat thunder-ec2-examples/target/classpath.txt)" examples/jshell/quickstart.jsh
// Interactively: start jshell, give it the same class path with /env --class-path, paste these lines.
import java.nio.file.*;
import org.thunderproject.ec2.*;
import org.thunderproject.ec2.localcloud.LocalCloud;

var cloud = LocalCloud.start();
var thunder = cloud.client();
var key = cloud.createKeyPair("mykey", cloud.dataDirectory().resolve("mykey.pem"));
var spec = ClusterSpec.builder().name("jshell").keyPair("mykey", key).slaves(2).sshPort(cloud.sshPort()).build();
var cluster = thunder.cluster(spec);
var launched = cluster.launch();
System.out.println("launched: " + launched.state() + ", master " + launched.master().flatMap(Node::address).orElse("-") + ", " + launched.slaves().size() + " slaves");
cluster.destroy();
System.out.println("after destroy: " + thunder.find("jshell").map(d -> d.state().toString()).orElse("nothing left"));
cloud.close();
/exit
