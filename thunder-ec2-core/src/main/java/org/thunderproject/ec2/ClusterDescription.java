package org.thunderproject.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a cluster as EC2 reports it.
 *
 * @param name the cluster name
 * @param region the region it lives in
 * @param state the state of the cluster as a whole
 * @param master the master node, when one exists (terminated nodes are left out)
 * @param slaves the slave nodes that exist (terminated nodes are left out), ordered by launch
 * @param masterGroupId the id of security group {@code NAME-master}, when it exists
 * @param slavesGroupId the id of security group {@code NAME-slaves}, when it exists
 * @param autostop the autostop setting the nodes carry, when one is set (read from their tags; see
 *     {@link Cluster#idleStatus()} for how long the cluster has been idle)
 */
public record ClusterDescription(
        String name,
        String region,
        ClusterState state,
        Optional<Node> master,
        List<Node> slaves,
        Optional<String> masterGroupId,
        Optional<String> slavesGroupId,
        Optional<Autostop> autostop) {

    /** Checks that nothing is null and copies the list. */
    public ClusterDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(master, "master");
        slaves = List.copyOf(slaves);
        Objects.requireNonNull(masterGroupId, "masterGroupId");
        Objects.requireNonNull(slavesGroupId, "slavesGroupId");
        Objects.requireNonNull(autostop, "autostop");
    }

    /** Master first, then the slaves. */
    public List<Node> nodes() {
        List<Node> all = new ArrayList<>(slaves.size() + 1);
        master.ifPresent(all::add);
        all.addAll(slaves);
        return List.copyOf(all);
    }

    /** Whether anything of the cluster exists (nodes or groups). */
    public boolean exists() {
        return state != ClusterState.NONE;
    }
}
