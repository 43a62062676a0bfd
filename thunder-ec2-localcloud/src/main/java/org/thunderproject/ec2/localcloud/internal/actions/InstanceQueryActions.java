package org.thunderproject.ec2.localcloud.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Instance;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;
import org.thunderproject.ec2.localcloud.internal.model.LaunchConfig;
import org.thunderproject.ec2.localcloud.internal.model.Region;

/** DescribeInstances, DescribeInstanceStatus, DescribeInstanceAttribute, GetConsoleOutput. */
final class InstanceQueryActions {

    private static final Filters<Instance> FILTERS = Filters.<Instance>of()
            .single("instance-state-name", i -> i.state().ec2Name())
            .single("instance-state-code", i -> i.state().code())
            .single("instance-id", Instance::id)
            .single("instance-type", i -> i.config().instanceType())
            .single("image-id", i -> i.config().image().id())
            .single("architecture", i -> i.config().image().architecture())
            .single("key-name", i -> i.config().keyName())
            .single("vpc-id", i -> i.config().subnet().vpcId())
            .single("subnet-id", i -> i.config().subnet().id())
            .single("availability-zone", i -> i.config().zone().name())
            .single("reservation-id", Instance::reservationId)
            .single("owner-id", Instance::ownerId)
            .single("launch-index", Instance::launchIndex)
            .single("private-ip-address", Instance::privateAddress)
            .single("ip-address", Instance::publicAddress)
            .single("network-interface.addresses.association.public-ip", Instance::publicAddress)
            .single("dns-name", i -> emptyToNull(i.publicDnsName()))
            .single("private-dns-name", i -> emptyToNull(i.privateDnsName()))
            .single("instance-lifecycle", i -> i.isSpot() ? "spot" : null)
            .single(
                    "spot-instance-request-id",
                    i -> i.isSpot() ? i.config().spot().requestId() : null)
            .single("client-token", i -> i.config().clientToken())
            .single("placement-group-name", i -> i.config().placementGroup())
            .single("tenancy", i -> i.config().tenancy())
            .single(
                    "iam-instance-profile.arn",
                    i -> i.config().iamProfile() == null
                            ? null
                            : i.config().iamProfile().arn())
            .field("instance.group-id", i -> i.config().groups().stream()
                    .map(LaunchConfig.GroupRef::id)
                    .toList())
            .field("instance.group-name", i -> i.config().groups().stream()
                    .map(LaunchConfig.GroupRef::name)
                    .toList())
            .field("group-id", i -> i.config().groups().stream()
                    .map(LaunchConfig.GroupRef::id)
                    .toList())
            .field("group-name", i -> i.config().groups().stream()
                    .map(LaunchConfig.GroupRef::name)
                    .toList())
            .tags(Instance::tags);

    private static final Filters<Instance> STATUS_FILTERS = Filters.<Instance>of()
            .single("instance-state-name", i -> i.state().ec2Name())
            .single("instance-state-code", i -> i.state().code())
            .single("availability-zone", i -> i.config().zone().name())
            .single("instance-status.status", InstanceQueryActions::status)
            .single("system-status.status", InstanceQueryActions::status)
            .single("instance-status.reachability", i -> i.state() == InstanceState.RUNNING ? "passed" : null)
            .single("system-status.reachability", i -> i.state() == InstanceState.RUNNING ? "passed" : null);

    private InstanceQueryActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("DescribeInstances", InstanceQueryActions::describe);
        registry.locked("DescribeInstanceStatus", InstanceQueryActions::status);
        registry.locked("DescribeInstanceAttribute", InstanceQueryActions::attribute);
        registry.unlocked("GetConsoleOutput", InstanceQueryActions::consoleOutput);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static List<Instance> selected(Region region, QueryParams params) {
        List<String> ids = params.strings("InstanceId");
        if (!ids.isEmpty() && params.string("MaxResults") != null) {
            throw Ec2Error.of(
                    "InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        return ids.isEmpty() ? new ArrayList<>(region.instances().values()) : region.instances(ids);
    }

    private static void describe(Request request, XmlWriter out) {
        QueryParams params = request.params();
        List<Instance> all = selected(request.region(), params);
        Predicate<Instance> filter = FILTERS.parse(params);
        List<Instance> matching = all.stream().filter(filter).toList();
        Paging.Page<Instance> page = Paging.page(matching, Instance::seq, params, 5);
        InstanceXml.reservations(out, page.items());
        out.leaf("nextToken", page.nextToken());
    }

    private static String status(Instance instance) {
        return instance.state() == InstanceState.RUNNING ? "ok" : "not-applicable";
    }

    private static void status(Request request, XmlWriter out) {
        QueryParams params = request.params();
        boolean includeAll = params.bool("IncludeAllInstances", false);
        Predicate<Instance> filter = STATUS_FILTERS.parse(params);
        List<Instance> matching = selected(request.region(), params).stream()
                .filter(i -> includeAll || i.state() == InstanceState.RUNNING)
                .filter(filter)
                .toList();
        Paging.Page<Instance> page = Paging.page(matching, Instance::seq, params, 5);
        out.list("instanceStatusSet", page.items(), (w, i) -> {
            w.leaf("instanceId", i.id())
                    .leaf("availabilityZone", i.config().zone().name())
                    .leaf("availabilityZoneId", i.config().zone().zoneId());
            Common.state(w, "instanceState", i.state());
            boolean running = i.state() == InstanceState.RUNNING;
            for (String element : List.of("systemStatus", "instanceStatus")) {
                w.element(element, s -> {
                    s.leaf("status", status(i));
                    if (running) {
                        s.list("details", List.of("reachability"), (d, name) -> d.leaf("name", name)
                                .leaf("status", "passed"));
                    }
                });
            }
            if (running) {
                w.element("attachedEbsStatus", s -> s.leaf("status", "ok")
                        .list("details", List.of("reachability"), (d, name) -> d.leaf("name", name)
                                .leaf("status", "passed")));
            }
        });
        out.leaf("nextToken", page.nextToken());
    }

    private static void attribute(Request request, XmlWriter out) {
        QueryParams params = request.params();
        Instance i = request.region()
                .instances(List.of(params.required("InstanceId")))
                .get(0);
        String attribute = params.required("Attribute");
        LaunchConfig c = i.config();
        out.leaf("instanceId", i.id());
        switch (attribute) {
            case "instanceType" -> out.element("instanceType", v -> v.leaf("value", c.instanceType()));
            case "userData" -> out.element("userData", v -> v.leaf("value", c.userData()));
            case "instanceInitiatedShutdownBehavior" ->
                out.element("instanceInitiatedShutdownBehavior", v -> v.leaf("value", i.shutdownBehavior()));
            case "disableApiTermination" -> out.element("disableApiTermination", v -> v.leaf("value", false));
            case "disableApiStop" -> out.element("disableApiStop", v -> v.leaf("value", false));
            case "rootDeviceName" ->
                out.element("rootDeviceName", v -> v.leaf("value", c.image().rootDeviceName()));
            case "ebsOptimized" -> out.element("ebsOptimized", v -> v.leaf("value", c.ebsOptimized()));
            case "sourceDestCheck" -> out.element("sourceDestCheck", v -> v.leaf("value", true));
            case "enaSupport" -> out.element("enaSupport", v -> v.leaf("value", true));
            case "groupSet" ->
                out.list("groupSet", c.groups(), (w, g) -> w.leaf("groupId", g.id())
                        .leaf("groupName", g.name()));
            case "blockDeviceMapping" ->
                out.list("blockDeviceMapping", i.blockDevices(), (b, d) -> b.leaf("deviceName", d.deviceName())
                        .element("ebs", e -> e.leaf("volumeId", d.volumeId())
                                .leaf("status", "attached")
                                .leaf("attachTime", d.attachTime())
                                .leaf("deleteOnTermination", d.deleteOnTermination())));
            default ->
                throw Ec2Error.invalidValue(
                        "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
    }

    // The runtime is asked outside the cloud lock: it may take its time.
    private static void consoleOutput(Request request, XmlWriter out) {
        String id = request.params().required("InstanceId");
        boolean started;
        synchronized (request.cloud().lock()) {
            started = request.region().instances(List.of(id)).get(0).everStarted();
        }
        String console = started ? request.cloud().lifecycle().consoleOutput(id) : "";
        out.leaf("instanceId", id)
                .leaf("timestamp", request.cloud().now())
                .leaf("output", Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8)));
    }
}
