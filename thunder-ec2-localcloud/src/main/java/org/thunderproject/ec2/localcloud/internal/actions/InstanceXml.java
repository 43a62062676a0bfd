package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Instance;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;
import org.thunderproject.ec2.localcloud.internal.model.LaunchConfig;

/** Instances and reservations as EC2 writes them. */
final class InstanceXml {

    private InstanceXml() {}

    /** Reservations (grouped in order of first appearance) with their instances. */
    static void reservations(XmlWriter out, List<Instance> instances) {
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance instance : instances) {
            byReservation
                    .computeIfAbsent(instance.reservationId(), r -> new java.util.ArrayList<>())
                    .add(instance);
        }
        out.list("reservationSet", byReservation.entrySet(), (w, e) -> reservationBody(w, e.getKey(), e.getValue()));
    }

    /** The parts of one reservation (RunInstances writes them at top level). */
    static void reservationBody(XmlWriter w, String reservationId, List<Instance> instances) {
        w.leaf("reservationId", reservationId)
                .leaf("ownerId", CloudState.ACCOUNT_ID)
                .list("groupSet", List.<String>of(), (g, x) -> {})
                .list("instancesSet", instances, InstanceXml::instance);
    }

    /** One instance item. */
    static void instance(XmlWriter w, Instance i) {
        LaunchConfig c = i.config();
        boolean terminated = i.state() == InstanceState.TERMINATED;
        w.leaf("instanceId", i.id()).leaf("imageId", c.image().id());
        Common.state(w, "instanceState", i.state());
        w.leaf("privateDnsName", i.privateDnsName())
                .leaf("dnsName", i.publicDnsName())
                .leaf("reason", i.reason())
                .leaf("keyName", c.keyName())
                .leaf("amiLaunchIndex", i.launchIndex())
                .list("productCodes", List.<String>of(), (p, x) -> {})
                .leaf("instanceType", c.instanceType())
                .leaf("launchTime", i.launchTime())
                .element("placement", p -> p.leaf("availabilityZoneId", c.zone().zoneId())
                        .leaf("groupName", c.placementGroup() == null ? "" : c.placementGroup())
                        .leaf("tenancy", c.tenancy())
                        .leaf("availabilityZone", c.zone().name()))
                .element("monitoring", m -> m.leaf("state", "disabled"));
        if (!terminated) {
            w.leaf("subnetId", c.subnet().id()).leaf("vpcId", c.subnet().vpcId());
        }
        w.leaf("privateIpAddress", i.privateAddress())
                .leaf("ipAddress", i.publicAddress())
                .leaf("sourceDestCheck", true)
                .list("groupSet", terminated ? List.<LaunchConfig.GroupRef>of() : c.groups(), (g, ref) -> g.leaf(
                                "groupId", ref.id())
                        .leaf("groupName", ref.name()));
        if (i.stateReasonCode() != null) {
            w.element("stateReason", r -> r.leaf("code", i.stateReasonCode()).leaf("message", i.stateReasonMessage()));
        }
        w.leaf("architecture", c.image().architecture())
                .leaf("rootDeviceType", "ebs")
                .leaf("rootDeviceName", c.image().rootDeviceName())
                .list("blockDeviceMapping", terminated ? List.of() : i.blockDevices(), (b, d) -> b.leaf(
                                "deviceName", d.deviceName())
                        .element("ebs", e -> e.leaf("volumeId", d.volumeId())
                                .leaf("status", "attached")
                                .leaf("attachTime", d.attachTime())
                                .leaf("deleteOnTermination", d.deleteOnTermination())));
        if (c.spot() != null) {
            w.leaf("instanceLifecycle", "spot")
                    .leaf("spotInstanceRequestId", c.spot().requestId());
        }
        w.leaf("virtualizationType", "hvm").leaf("clientToken", c.clientToken() == null ? "" : c.clientToken());
        Common.tagSet(w, i.tags());
        w.leaf("hypervisor", "xen");
        if (c.iamProfile() != null) {
            w.element("iamInstanceProfile", p -> p.leaf("arn", c.iamProfile().arn())
                    .leaf("id", c.iamProfile().id()));
        }
        w.leaf("ebsOptimized", c.ebsOptimized())
                .leaf("enaSupport", true)
                .element("hibernationOptions", h -> h.leaf("configured", false))
                .element("enclaveOptions", h -> h.leaf("enabled", false))
                .element("metadataOptions", m -> m.leaf("state", "applied")
                        .leaf("httpTokens", "required")
                        .leaf("httpPutResponseHopLimit", 2)
                        .leaf("httpEndpoint", "enabled"))
                .leaf("bootMode", c.image().architecture().equals("arm64") ? "uefi" : "uefi-preferred")
                .leaf("platformDetails", "Linux/UNIX")
                .leaf("usageOperation", "RunInstances")
                .leaf("currentInstanceBootMode", c.image().architecture().equals("arm64") ? "uefi" : "legacy-bios");
    }
}
