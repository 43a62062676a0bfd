package org.thunderproject.ec2.lifecycle;

import java.util.List;
import org.thunderproject.ec2.Node;

/** The instance ids of nodes, in their order: what the lifecycle tests compare. */
final class NodeIds {
    private NodeIds() {}

    static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::instanceId).toList();
    }
}
