package org.thunderproject.ec2.localcloud.internal.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything of one region: zones, the default VPC and subnets, images, and the resources made
 * through the API. Guarded by the cloud lock. Lookups throw EC2's NotFound errors.
 */
public final class Region {

    private final String name;
    private final List<Zone> zones;
    private final Vpc vpc;
    private final List<Subnet> subnets;
    private final List<Image> images;
    private final Map<String, KeyPairEntry> keyPairs = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final Map<String, LaunchRecord> launches = new LinkedHashMap<>();

    /** A region with its default network and the catalog's images. */
    public Region(String name, Ids ids, String ownerId, long groupSeq) {
        this.name = Objects.requireNonNull(name, "name");
        List<Zone> z = new ArrayList<>();
        String code = zoneCode(name);
        int n = 1;
        for (String letter : List.of("a", "b", "c")) {
            z.add(new Zone(name + letter, code + "-az" + n++, name));
        }
        this.zones = List.copyOf(z);
        this.vpc = new Vpc(ids.next("vpc"), "172.31.0.0/16", true, ids.next("dopt"));
        List<Subnet> s = new ArrayList<>();
        int third = 0;
        for (Zone zone : zones) {
            s.add(new Subnet(ids.next("subnet"), vpc.id(), zone, "172.31." + third + ".0/20", true, ownerId));
            third += 16;
        }
        this.subnets = List.copyOf(s);
        this.images = ImageCatalog.forRegion(name);
        SecurityGroup defaultGroup = new SecurityGroup(
                ids.next("sg"), "default", "default VPC security group", vpc.id(), ownerId, name, groupSeq);
        defaultGroup
                .ingress()
                .add(new Rule(
                        ids.next("sgr"), "-1", null, null, new RuleSource.Group(ownerId, defaultGroup.id()), null));
        defaultGroup.egress().add(new Rule(ids.next("sgr"), "-1", null, null, new RuleSource.Ipv4("0.0.0.0/0"), null));
        groups.put(defaultGroup.id(), defaultGroup);
    }

    // us-east-1 -> use1, ap-southeast-2 -> apse2, eu-central-1 -> euc1
    private static String zoneCode(String region) {
        String[] parts = region.split("-");
        if (parts.length != 3) {
            return region.replace("-", "");
        }
        String direction = parts[1].replace("north", "n")
                .replace("south", "s")
                .replace("east", "e")
                .replace("west", "w")
                .replace("central", "c");
        return parts[0] + direction + parts[2];
    }

    /** Its name. */
    public String name() {
        return name;
    }

    /** Zones a, b, c. */
    public List<Zone> zones() {
        return zones;
    }

    /** The default VPC. */
    public Vpc vpc() {
        return vpc;
    }

    /** The default subnets, one per zone. */
    public List<Subnet> subnets() {
        return subnets;
    }

    /** Public images. */
    public List<Image> images() {
        return images;
    }

    /** Key pairs by name. */
    public Map<String, KeyPairEntry> keyPairs() {
        return keyPairs;
    }

    /** Security groups by id. */
    public Map<String, SecurityGroup> groups() {
        return groups;
    }

    /** Instances by id, in launch order. */
    public Map<String, Instance> instances() {
        return instances;
    }

    /** Volumes by id. */
    public Map<String, Volume> volumes() {
        return volumes;
    }

    /** Launches by client token. */
    public Map<String, LaunchRecord> launches() {
        return launches;
    }

    /** The zone called {@code zoneName}; {@code InvalidParameterValue} when unknown. */
    public Zone zone(String zoneName) {
        return zones.stream()
                .filter(z -> z.name().equals(zoneName))
                .findFirst()
                .orElseThrow(() -> Ec2Error.invalidValue("Invalid availability zone: [" + zoneName + "]"));
    }

    /** The subnet {@code id}; {@code InvalidSubnetID.NotFound} when unknown. */
    public Subnet subnet(String id) {
        return subnets.stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () -> Ec2Error.of("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist"));
    }

    /** The default subnet of {@code zone}. */
    public Subnet defaultSubnet(Zone zone) {
        return subnets.stream().filter(s -> s.zone().equals(zone)).findFirst().orElseThrow();
    }

    /** The group {@code id}; {@code InvalidGroup.NotFound} (or {@code .Malformed}) otherwise. */
    public SecurityGroup group(String id) {
        if (!id.startsWith("sg-")) {
            throw Ec2Error.of("InvalidGroupId.Malformed", "Invalid id: \"" + id + "\" (expecting \"sg-...\")");
        }
        SecurityGroup group = groups.get(id);
        if (group == null) {
            throw Ec2Error.of("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return group;
    }

    /** The group called {@code groupName} in the default VPC, if any. */
    public Optional<SecurityGroup> findGroupByName(String groupName) {
        return groups.values().stream()
                .filter(g -> g.vpcId().equals(vpc.id()) && g.name().equals(groupName))
                .findFirst();
    }

    /** The group called {@code groupName} in the default VPC; {@code InvalidGroup.NotFound} otherwise. */
    public SecurityGroup groupByName(String groupName) {
        return findGroupByName(groupName)
                .orElseThrow(() -> Ec2Error.of(
                        "InvalidGroup.NotFound",
                        "The security group '" + groupName + "' does not exist in default VPC '" + vpc.id() + "'"));
    }

    /** The key pair {@code keyName}; {@code InvalidKeyPair.NotFound} otherwise. */
    public KeyPairEntry keyPair(String keyName) {
        KeyPairEntry key = keyPairs.get(keyName);
        if (key == null) {
            throw Ec2Error.of("InvalidKeyPair.NotFound", "The key pair '" + keyName + "' does not exist");
        }
        return key;
    }

    /** The image {@code id}; {@code InvalidAMIID.Malformed} or {@code .NotFound} otherwise. */
    public Image image(String id) {
        if (!id.matches("ami-[0-9a-f]{8}([0-9a-f]{9})?")) {
            throw Ec2Error.of("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
        }
        return images.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> Ec2Error.of("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist"));
    }

    /** The instances {@code ids}, in order; one error naming every unknown id. */
    public List<Instance> instances(Collection<String> ids) {
        List<Instance> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!id.matches("i-[0-9a-f]{8}([0-9a-f]{9})?")) {
                throw Ec2Error.of("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
            }
            Instance instance = instances.get(id);
            if (instance == null) {
                missing.add(id);
            } else if (!found.contains(instance)) {
                found.add(instance);
            }
        }
        if (missing.size() == 1) {
            throw Ec2Error.of("InvalidInstanceID.NotFound", "The instance ID '" + missing.get(0) + "' does not exist");
        }
        if (!missing.isEmpty()) {
            throw Ec2Error.of(
                    "InvalidInstanceID.NotFound", "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return found;
    }

    /** The resource {@code id} for tagging; the NotFound error of its kind otherwise. */
    public Taggable taggable(String id) {
        int dash = id.indexOf('-');
        String prefix = dash < 0 ? "" : id.substring(0, dash);
        switch (prefix) {
            case "i":
                return instances(List.of(id)).get(0);
            case "sg":
                return group(id);
            case "vol": {
                Volume v = volumes.get(id);
                if (v == null) {
                    throw Ec2Error.of("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
                }
                return v;
            }
            case "key":
                return keyPairs.values().stream()
                        .filter(k -> k.id().equals(id))
                        .findFirst()
                        .orElseThrow(() ->
                                Ec2Error.of("InvalidKeyPair.NotFound", "The key pair '" + id + "' does not exist"));
            case "vpc":
                if (vpc.id().equals(id)) {
                    return vpc;
                }
                throw Ec2Error.of("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            case "subnet":
                return subnet(id);
            default:
                throw Ec2Error.of("InvalidID", "The ID '" + id + "' is not valid");
        }
    }

    /** Every taggable resource, for DescribeTags. */
    public List<Taggable> taggables() {
        List<Taggable> all = new ArrayList<>();
        all.addAll(instances.values());
        all.addAll(groups.values());
        all.addAll(volumes.values());
        all.addAll(keyPairs.values());
        all.add(vpc);
        all.addAll(subnets);
        return all;
    }
}
