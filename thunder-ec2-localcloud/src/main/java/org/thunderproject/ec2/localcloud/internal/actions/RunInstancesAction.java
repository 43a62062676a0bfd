package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.BlockDevice;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Image;
import org.thunderproject.ec2.localcloud.internal.model.Instance;
import org.thunderproject.ec2.localcloud.internal.model.InstanceTypes;
import org.thunderproject.ec2.localcloud.internal.model.LaunchConfig;
import org.thunderproject.ec2.localcloud.internal.model.LaunchRecord;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.SecurityGroup;
import org.thunderproject.ec2.localcloud.internal.model.Subnet;
import org.thunderproject.ec2.localcloud.internal.model.Volume;
import org.thunderproject.ec2.localcloud.internal.model.Zone;

/**
 * RunInstances: validates everything first (nothing is created on an error), then creates the
 * reservation, its instances (pending) and their volumes. A repeated client token returns the
 * first reservation, or {@code IdempotentParameterMismatch} when the parameters differ.
 */
final class RunInstancesAction {

    /** Most instances one call may launch. */
    static final int MAX_PER_CALL = 1000;

    private static final Set<String> TAGGABLE =
            Set.of("instance", "volume", "network-interface", "spot-instances-request");
    private static final Set<String> PROTOCOL_PARAMS = Set.of("Action", "Version", "ClientToken");

    private RunInstancesAction() {}

    static void register(ActionRegistry registry) {
        registry.locked("RunInstances", RunInstancesAction::run);
    }

    private static void run(Request request, XmlWriter out) {
        Region region = request.region();
        CloudState cloud = request.cloud();
        QueryParams params = request.params();

        String clientToken = params.string("ClientToken");
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 64)) {
            throw Ec2Error.invalidValue("Invalid value for ClientToken: 1 to 64 ASCII characters");
        }
        SortedMap<String, String> fingerprint = new TreeMap<>(params.asMap());
        fingerprint.keySet().removeAll(PROTOCOL_PARAMS);
        if (clientToken != null) {
            LaunchRecord previous = region.launches().get(clientToken);
            if (previous != null) {
                if (!previous.parameters().equals(fingerprint)) {
                    throw Ec2Error.of(
                            "IdempotentParameterMismatch",
                            "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
                }
                List<Instance> instances = previous.instanceIds().stream()
                        .map(id -> region.instances().get(id))
                        .filter(java.util.Objects::nonNull)
                        .toList();
                InstanceXml.reservationBody(out, previous.reservationId(), instances);
                return;
            }
        }

        Image image = region.image(params.required("ImageId"));
        String type = params.optional("InstanceType").orElse("m1.small");
        if (!InstanceTypes.exists(type)) {
            throw Ec2Error.invalidValue("Invalid value '" + type + "' for InstanceType.");
        }
        String typeArch = InstanceTypes.architecture(type);
        if (!typeArch.equals(image.architecture())) {
            throw Ec2Error.invalidValue(
                    "The architecture '" + typeArch + "' of the specified instance type does not match "
                            + "the architecture '" + image.architecture()
                            + "' of the specified AMI. Specify an instance type and an AMI "
                            + "that have matching architectures, and try again.");
        }
        int minCount = params.integer("MinCount").orElseThrow(() -> Ec2Error.missing("MinCount"));
        int maxCount = params.integer("MaxCount").orElseThrow(() -> Ec2Error.missing("MaxCount"));
        if (minCount < 1) {
            throw Ec2Error.invalidValue("Invalid value '" + minCount + "' for MinCount. Must be greater than 0.");
        }
        if (maxCount < minCount) {
            throw Ec2Error.invalidValue(
                    "Invalid value '" + maxCount + "' for MaxCount. Must be greater than or equal to MinCount.");
        }
        if (minCount > MAX_PER_CALL) {
            throw Ec2Error.of(
                    "InstanceLimitExceeded",
                    "You have requested more instances (" + minCount + ") than your current instance limit of "
                            + MAX_PER_CALL + " allows for the specified instance type.");
        }
        int count = Math.min(maxCount, MAX_PER_CALL);

        String keyName = params.string("KeyName");
        String authorizedKey = keyName == null ? null : region.keyPair(keyName).publicKey();

        // Network: instance-level SubnetId/SecurityGroupId, or the primary network interface.
        QueryParams primary = null;
        for (QueryParams nic : params.structs("NetworkInterface")) {
            if (nic.integer("DeviceIndex").orElse(0) == 0) {
                primary = nic;
            }
        }
        if (primary != null
                && (params.string("SubnetId") != null
                        || !params.strings("SecurityGroupId").isEmpty())) {
            throw Ec2Error.of(
                    "InvalidParameterCombination",
                    "Network interfaces and an instance-level subnet ID or security groups may not be specified on the same request");
        }
        String subnetId = primary != null ? primary.string("SubnetId") : params.string("SubnetId");
        Subnet subnet = subnetId == null ? null : region.subnet(subnetId);
        QueryParams placement = params.struct("Placement");
        String zoneName = placement.string("AvailabilityZone");
        Zone zone;
        if (zoneName != null && !zoneName.isEmpty()) {
            zone = region.zone(zoneName);
            if (subnet != null && !subnet.zone().equals(zone)) {
                throw Ec2Error.invalidValue("The subnet '" + subnet.id() + "' is in "
                        + subnet.zone().name() + ", not in the requested Availability Zone " + zone.name());
            }
        } else if (subnet != null) {
            zone = subnet.zone();
        } else {
            // Not pinned: EC2 picks a zone that has capacity.
            zone = region.zones().stream()
                    .filter(z -> !cloud.faults().noCapacity(type, z.name()))
                    .findFirst()
                    .orElse(region.zones().get(0));
        }
        if (subnet == null) {
            subnet = region.defaultSubnet(zone);
        }
        List<LaunchConfig.GroupRef> groups = groups(region, primary != null ? primary : params, params, subnet);
        boolean associatePublic =
                primary == null || primary.bool("AssociatePublicIpAddress", subnet.mapPublicIpOnLaunch());

        String tenancy = placement.optional("Tenancy").orElse("default");
        if (!Set.of("default", "dedicated", "host").contains(tenancy)) {
            throw Ec2Error.invalidValue("Invalid value '" + tenancy + "' for tenancy.");
        }
        String placementGroup = placement.string("GroupName");
        String userData = LaunchRequestParts.userData(params.string("UserData"));
        String shutdown = params.optional("InstanceInitiatedShutdownBehavior").orElse("stop");
        if (!shutdown.equals("stop") && !shutdown.equals("terminate")) {
            throw Ec2Error.invalidValue("Invalid value '" + shutdown
                    + "' for instanceInitiatedShutdownBehavior. Valid values: stop, terminate");
        }
        LaunchConfig.IamProfile profile = LaunchRequestParts.iamProfile(params.struct("IamInstanceProfile"));
        LaunchConfig.Spot spot = LaunchRequestParts.spot(params.struct("InstanceMarketOptions"), cloud);
        List<LaunchRequestParts.VolumeSpec> volumes = LaunchRequestParts.volumes(params, image);
        Map<String, Map<String, String>> tags = Common.tagSpecifications(params, TAGGABLE);
        boolean ebsOptimized = params.bool("EbsOptimized", false);

        if (cloud.faults().noCapacity(type, zone.name())) {
            String others = region.zones().stream()
                    .map(Zone::name)
                    .filter(z -> !z.equals(zone.name()))
                    .collect(Collectors.joining(", "));
            throw Ec2Error.withStatus(
                    500,
                    "InsufficientInstanceCapacity",
                    "We currently do not have sufficient " + type
                            + " capacity in the Availability Zone you requested (" + zone.name()
                            + "). Our system will be working on "
                            + "provisioning additional capacity. You can currently get " + type
                            + " capacity by not specifying an "
                            + "Availability Zone in your request or choosing " + others + ".");
        }

        LaunchConfig config = new LaunchConfig(
                image,
                type,
                keyName,
                authorizedKey,
                zone,
                subnet,
                groups,
                clientToken,
                placementGroup,
                tenancy,
                userData,
                shutdown,
                profile,
                spot,
                ebsOptimized,
                associatePublic);
        String reservationId = cloud.ids().next("r");
        List<Instance> launched = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String id = cloud.ids().next("i");
            List<BlockDevice> devices = new ArrayList<>();
            for (LaunchRequestParts.VolumeSpec spec : volumes) {
                Volume volume = new Volume(
                        cloud.ids().next("vol"),
                        spec.size(),
                        spec.type(),
                        zone.name(),
                        cloud.now(),
                        spec.encrypted(),
                        id,
                        spec.device(),
                        spec.deleteOnTermination(),
                        cloud.nextSeq());
                volume.tags().putAll(tags.getOrDefault("volume", Map.of()));
                region.volumes().put(volume.id(), volume);
                devices.add(new BlockDevice(spec.device(), volume.id(), spec.deleteOnTermination(), cloud.now()));
            }
            String privateAddress = cloud.addresses().allocate();
            String publicAddress = associatePublic ? cloud.addresses().allocate() : null;
            Instance instance = new Instance(
                    id,
                    reservationId,
                    CloudState.ACCOUNT_ID,
                    region.name(),
                    cloud.nextSeq(),
                    index,
                    config,
                    devices,
                    privateAddress,
                    publicAddress,
                    cloud.now(),
                    cloud.instanceDirectory(id));
            instance.tags().putAll(tags.getOrDefault("instance", Map.of()));
            if (cloud.faults().takeNeverLeavePending()) {
                instance.markStuckPending();
            }
            region.instances().put(id, instance);
            cloud.lifecycle().launched(instance);
            launched.add(instance);
        }
        if (clientToken != null) {
            region.launches()
                    .put(
                            clientToken,
                            new LaunchRecord(
                                    fingerprint,
                                    reservationId,
                                    launched.stream().map(Instance::id).toList()));
        }
        InstanceXml.reservationBody(out, reservationId, launched);
    }

    private static List<LaunchConfig.GroupRef> groups(
            Region region, QueryParams idSource, QueryParams params, Subnet subnet) {
        Map<String, SecurityGroup> groups = new LinkedHashMap<>();
        for (String id : idSource.strings("SecurityGroupId")) {
            SecurityGroup group = region.group(id);
            groups.put(group.id(), group);
        }
        for (String name : params.strings("SecurityGroup")) {
            SecurityGroup group = region.groupByName(name);
            groups.put(group.id(), group);
        }
        if (groups.isEmpty()) {
            SecurityGroup group = region.groupByName("default");
            groups.put(group.id(), group);
        }
        for (SecurityGroup group : groups.values()) {
            if (!group.vpcId().equals(subnet.vpcId())) {
                throw Ec2Error.of(
                        "InvalidParameter",
                        "Security group " + group.id() + " and subnet " + subnet.id()
                                + " belong to different networks.");
            }
        }
        return groups.values().stream()
                .map(g -> new LaunchConfig.GroupRef(g.id(), g.name()))
                .toList();
    }
}
