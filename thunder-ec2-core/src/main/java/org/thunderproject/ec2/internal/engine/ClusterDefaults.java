package org.thunderproject.ec2.internal.engine;

import java.nio.file.Path;
import java.util.List;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;

/**
 * The {@link Cluster} methods that only fill in a default (the engine's last phase, all nodes,
 * refusing spot slaves), so that the handle holds one method per operation.
 */
abstract class ClusterDefaults implements Cluster {

  /** The last phase of the engine: where launch(), resume(), start() and addSlaves(n) go. */
  abstract LaunchPhase lastPhase();

  @Override
  public ClusterDescription launch() {
    return launch(lastPhase());
  }

  @Override
  public ClusterDescription resume() {
    return resume(lastPhase());
  }

  @Override
  public ClusterDescription start() {
    return start(lastPhase());
  }

  @Override
  public ClusterDescription stop() {
    return stop(SpotSlaves.REFUSE);
  }

  @Override
  public ClusterDescription addSlaves(int count) {
    return addSlaves(count, lastPhase());
  }

  @Override
  public List<CommandResult> run(String command) {
    return run(command, NodeSelector.ALL);
  }

  @Override
  public void copy(Path local, String remotePath) {
    copy(local, remotePath, NodeSelector.ALL);
  }

  @Override
  public PortForward forward(int localPort, int remotePort) {
    return forward(LocalForward.of(localPort, remotePort));
  }
}
