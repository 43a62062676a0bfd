package org.thunderproject.ec2.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.thunderproject.ec2.AutostopAction;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterListener;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;

/**
 * What the {@link Cluster} handle holds besides its operations: the spec, the listeners, and the
 * methods that only fill in a default (the engine's last phase, all nodes, refusing spot slaves),
 * so that the handle holds one method per operation.
 */
abstract class ClusterDefaults implements Cluster {
    final ClusterSpec spec;
    final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private final LaunchPhase lastPhase;

    ClusterDefaults(ClusterSpec spec, LaunchPhase lastPhase) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.lastPhase = Objects.requireNonNull(lastPhase, "lastPhase");
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public Cluster addListener(ClusterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public Cluster removeListener(ClusterListener listener) {
        listeners.remove(listener);
        return this;
    }

    /** Checks the count of addSlaves/removeSlaves before any request. */
    static void requireCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
    }

    /** The last phase of the engine: where launch(), resume(), start() and addSlaves(n) go. */
    final LaunchPhase lastPhase() {
        return lastPhase;
    }

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
    public SparkConnect sparkConnect() {
        return sparkConnect(0);
    }

    @Override
    public PortForward forward(int localPort, int remotePort) {
        return forward(LocalForward.of(localPort, remotePort));
    }

    @Override
    public void autostop(Optional<Duration> idle) {
        autostop(idle, AutostopAction.STOP);
    }

    @Override
    public int login() {
        return login(new LocalForward[0]);
    }
}
