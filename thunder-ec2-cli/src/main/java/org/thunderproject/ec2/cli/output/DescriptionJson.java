package org.thunderproject.ec2.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.thunderproject.ec2.Autostop;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.IdleStatus;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.cli.commands.Clusters;

/**
 * {@code describe --json}: a stable JSON shape of its own (not the API records), so scripts do not
 * break when the API grows. Absent values are {@code null}; states are EC2's lower-case names.
 */
public final class DescriptionJson {

    /** One cluster. */
    record ClusterJson(
            String name,
            String region,
            String state,
            NodeJson master,
            List<NodeJson> slaves,
            String masterGroupId,
            String slavesGroupId,
            String sparkWebUi,
            String sparkMasterUrl,
            AutostopJson autostop) {}

    /** The autostop setting; the idle time when it was read from the master. */
    record AutostopJson(String after, String action, Long idleSeconds, String busyWith) {}

    /** One node. */
    record NodeJson(
            String instanceId,
            String role,
            String state,
            String instanceType,
            String availabilityZone,
            String publicIp,
            String privateIp,
            String publicDnsName,
            boolean spot,
            String launchTime) {}

    private final ObjectMapper mapper =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One cluster as a JSON object; {@code idle} holds the idle readings by cluster name. */
    public String write(ClusterDescription cluster, Map<String, IdleReading> idle) {
        return json(of(cluster, idle));
    }

    /** Clusters as a JSON array; {@code idle} holds the idle readings by cluster name. */
    public String write(List<ClusterDescription> clusters, Map<String, IdleReading> idle) {
        return json(clusters.stream().map(c -> of(c, idle)).toList());
    }

    static ClusterJson of(ClusterDescription cluster, Map<String, IdleReading> idle) {
        return new ClusterJson(
                cluster.name(),
                cluster.region(),
                Clusters.state(cluster),
                cluster.master().map(DescriptionJson::of).orElse(null),
                cluster.slaves().stream().map(DescriptionJson::of).toList(),
                cluster.masterGroupId().orElse(null),
                cluster.slavesGroupId().orElse(null),
                cluster.master()
                        .filter(m -> m.state() == NodeState.RUNNING)
                        .flatMap(m -> Clusters.sparkWebUi(cluster))
                        .orElse(null),
                cluster.master()
                        .filter(m -> m.state() == NodeState.RUNNING)
                        .flatMap(m -> Clusters.sparkMasterUrl(cluster))
                        .orElse(null),
                cluster.autostop()
                        .map(a -> autostop(
                                a, Optional.ofNullable(idle.get(cluster.name())).flatMap(IdleReading::status)))
                        .orElse(null));
    }

    private static AutostopJson autostop(Autostop autostop, Optional<IdleStatus> idle) {
        return new AutostopJson(
                autostop.idle().toString(),
                autostop.action().name().toLowerCase(Locale.ROOT),
                idle.map(i -> i.idleFor().toSeconds()).orElse(null),
                idle.flatMap(IdleStatus::busyWith).orElse(null));
    }

    static NodeJson of(Node node) {
        return new NodeJson(
                node.instanceId(),
                node.role().tagValue(),
                node.state().ec2Name(),
                node.instanceType(),
                node.availabilityZone(),
                node.publicIp().orElse(null),
                node.privateIp().orElse(null),
                node.publicDnsName().filter(n -> !n.isBlank()).orElse(null),
                node.spot(),
                node.launchTime().toString());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
