package org.thunderproject.ec2.internal.ec2;

import static org.thunderproject.ec2.internal.ec2.SdkRecords.chunks;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.filter;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.tagSpec;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.toPermission;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.toRecord;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.toSdk;
import static org.thunderproject.ec2.internal.ec2.SdkRecords.toTags;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.internal.Interrupts;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Every EC2 call thunder-ec2 makes, in one place: server-side filters, paging, batching, and
 * translation of SDK exceptions into thunder-ec2's. Speaks in internal records, not SDK types.
 */
public final class Ec2Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ec2Gateway.class);
    /** EC2 accepts at most 200 values per filter; instance-id lists are kept under that too. */
    static final int MAX_IDS_PER_CALL = 200;

    private final Ec2Client ec2;
    private final boolean owned;
    private final String region;

    /** A gateway over {@code ec2}; closes the client on {@link #close()} only when {@code owned}. */
    public Ec2Gateway(Ec2Client ec2, boolean owned, String region) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.owned = owned;
        this.region = Objects.requireNonNull(region, "region");
    }

    /** The region the client talks to. */
    public String region() {
        return region;
    }

    // ---- key pairs, images, zones, network ----

    /** The key pair of that name, if it exists. */
    public Optional<KeyPairRecord> keyPair(String name) {
        try {
            List<KeyPairInfo> pairs = call("DescribeKeyPairs", () -> ec2.describeKeyPairs(r -> r.keyNames(name))
                    .keyPairs());
            return pairs.stream()
                    .filter(p -> name.equals(p.keyName()))
                    .findFirst()
                    .map(p -> new KeyPairRecord(
                            p.keyName(),
                            Objects.requireNonNullElse(p.keyFingerprint(), ""),
                            Objects.requireNonNullElse(p.keyTypeAsString(), "")));
        } catch (CloudException e) {
            if (Ec2Errors.hasCode(e, "InvalidKeyPair.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Available images owned by {@code owner} whose name matches {@code namePattern}, of {@code architecture}. */
    public List<ImageRecord> images(String owner, String namePattern, String architecture) {
        List<Image> images = call("DescribeImages", () -> ec2.describeImages(r -> r.owners(owner)
                        .filters(
                                filter("name", namePattern),
                                filter("architecture", architecture),
                                filter("state", "available")))
                .images());
        return images.stream()
                .map(image -> new ImageRecord(
                        image.imageId(),
                        Objects.requireNonNullElse(image.name(), ""),
                        Objects.requireNonNullElse(image.creationDate(), "")))
                .toList();
    }

    /** Whether image {@code imageId} exists and is visible to the caller. */
    public boolean imageExists(String imageId) {
        try {
            return !call("DescribeImages", () -> ec2.describeImages(r -> r.imageIds(imageId))
                            .images())
                    .isEmpty();
        } catch (CloudException e) {
            if (Ec2Errors.hasCode(e, "InvalidAMIID.NotFound") || Ec2Errors.hasCode(e, "InvalidAMIID.Unavailable")) {
                return false;
            }
            throw e;
        }
    }

    /** The names of the region's available zones, sorted. */
    public List<String> availabilityZones() {
        List<AvailabilityZone> zones = call("DescribeAvailabilityZones", () -> ec2.describeAvailabilityZones(
                        r -> r.filters(filter("state", "available")))
                .availabilityZones());
        return zones.stream()
                .map(AvailabilityZone::zoneName)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    /** Whether VPC {@code vpcId} exists. */
    public boolean vpcExists(String vpcId) {
        try {
            return !call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.vpcIds(vpcId))
                            .vpcs())
                    .isEmpty();
        } catch (CloudException e) {
            if (Ec2Errors.hasCode(e, "InvalidVpcID.NotFound")) {
                return false;
            }
            throw e;
        }
    }

    /** The subnet, if it exists. */
    public Optional<SubnetRecord> subnet(String subnetId) {
        try {
            List<Subnet> subnets = call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.subnetIds(subnetId))
                    .subnets());
            return subnets.stream()
                    .findFirst()
                    .map(s -> new SubnetRecord(
                            s.subnetId(),
                            s.vpcId(),
                            s.availabilityZone(),
                            Boolean.TRUE.equals(s.mapPublicIpOnLaunch())));
        } catch (CloudException e) {
            if (Ec2Errors.hasCode(e, "InvalidSubnetID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- security groups ----

    /** Groups named any of {@code names}, in {@code vpcId} when given. */
    public List<GroupRecord> groupsByName(Collection<String> names, Optional<String> vpcId) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("group-name").values(names).build());
        vpcId.ifPresent(v -> filters.add(filter("vpc-id", v)));
        return describeGroups(
                DescribeSecurityGroupsRequest.builder().filters(filters).build());
    }

    /** Groups that carry tag key {@code key}. */
    public List<GroupRecord> groupsByTagKey(String key) {
        return describeGroups(DescribeSecurityGroupsRequest.builder()
                .filters(filter("tag-key", key))
                .build());
    }

    /** Groups with these ids; a missing id is an error with code {@code InvalidGroup.NotFound}. */
    public List<GroupRecord> groupsById(Collection<String> ids) {
        return describeGroups(
                DescribeSecurityGroupsRequest.builder().groupIds(ids).build());
    }

    private List<GroupRecord> describeGroups(DescribeSecurityGroupsRequest request) {
        return call("DescribeSecurityGroups", () -> {
            List<GroupRecord> out = new ArrayList<>();
            for (SecurityGroup group :
                    ec2.describeSecurityGroupsPaginator(request).securityGroups()) {
                out.add(toRecord(group));
            }
            return out;
        });
    }

    /** Creates a group and returns its id; tags are written in the same call. */
    public String createGroup(String name, String description, Optional<String> vpcId, Map<String, String> tags) {
        return call("CreateSecurityGroup", () -> ec2.createSecurityGroup(r -> r.groupName(name)
                        .description(description)
                        .vpcId(vpcId.orElse(null))
                        .tagSpecifications(tagSpec(ResourceType.SECURITY_GROUP, tags)))
                .groupId());
    }

    /** Adds ingress rules; rules that already exist are fine. */
    public void authorize(String groupId, Collection<Rule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        try {
            call(
                    "AuthorizeSecurityGroupIngress",
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                            .ipPermissions(
                                    rules.stream().map(SdkRecords::toPermission).toList())));
        } catch (CloudException e) {
            if (!Ec2Errors.hasCode(e, "InvalidPermission.Duplicate")) {
                throw e;
            }
            // One of them exists already (a retried call, or someone added it): add the rest one by one.
            for (Rule rule : rules) {
                try {
                    call(
                            "AuthorizeSecurityGroupIngress",
                            () -> ec2.authorizeSecurityGroupIngress(
                                    r -> r.groupId(groupId).ipPermissions(toPermission(rule))));
                } catch (CloudException one) {
                    if (!Ec2Errors.hasCode(one, "InvalidPermission.Duplicate")) {
                        throw one;
                    }
                }
            }
        }
    }

    /** Removes ingress rules; rules already gone are fine. */
    public void revoke(String groupId, Collection<Rule> rules) {
        for (Rule rule : rules) {
            try {
                call(
                        "RevokeSecurityGroupIngress",
                        () -> ec2.revokeSecurityGroupIngress(
                                r -> r.groupId(groupId).ipPermissions(toPermission(rule))));
            } catch (CloudException e) {
                if (!Ec2Errors.hasCode(e, "InvalidPermission.NotFound")
                        && !Ec2Errors.hasCode(e, "InvalidGroup.NotFound")) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a group; throws {@link CloudException} (for example {@code DependencyViolation}). */
    public void deleteGroup(String groupId) {
        call("DeleteSecurityGroup", () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)));
    }

    /** Writes tags on resources. */
    public void tag(Collection<String> resourceIds, Map<String, String> tags) {
        if (resourceIds.isEmpty()) {
            return;
        }
        call("CreateTags", () -> ec2.createTags(r -> r.resources(resourceIds).tags(toTags(tags))));
    }

    /** Removes tags by key (whatever their values) from resources. */
    public void untag(Collection<String> resourceIds, Collection<String> keys) {
        if (!resourceIds.isEmpty()) {
            call(
                    "DeleteTags",
                    () -> ec2.deleteTags(r -> r.resources(resourceIds)
                            .tags(keys.stream()
                                    .map(k -> Tag.builder().key(k).build())
                                    .toList())));
        }
    }

    // ---- instances ----

    /** Sets what the instance's own shutdown does (its instance-initiated shutdown behaviour). */
    public void shutdownBehavior(String instanceId, ShutdownBehavior behavior) {
        String value = behavior == ShutdownBehavior.TERMINATE ? "terminate" : "stop";
        call(
                "ModifyInstanceAttribute",
                () -> ec2.modifyInstanceAttribute(
                        r -> r.instanceId(instanceId).instanceInitiatedShutdownBehavior(v -> v.value(value))));
    }

    /**
     * Instances matching every filter (name → any of its values), all pages. Filters with more
     * values than EC2 accepts are split into several calls.
     */
    public List<InstanceRecord> instances(Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
            if (entry.getValue().size() > MAX_IDS_PER_CALL) {
                Map<String, InstanceRecord> merged = new LinkedHashMap<>();
                for (List<String> chunk : chunks(entry.getValue(), MAX_IDS_PER_CALL)) {
                    Map<String, List<String>> narrowed = new LinkedHashMap<>(filters);
                    narrowed.put(entry.getKey(), chunk);
                    instances(narrowed).forEach(i -> merged.put(i.instanceId(), i));
                }
                return List.copyOf(merged.values());
            }
        }
        List<Filter> sdkFilters = filters.entrySet().stream()
                .map(e -> Filter.builder().name(e.getKey()).values(e.getValue()).build())
                .toList();
        DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                .filters(sdkFilters)
                .maxResults(1000)
                .build();
        return call("DescribeInstances", () -> {
            List<InstanceRecord> out = new ArrayList<>();
            for (Reservation reservation :
                    ec2.describeInstancesPaginator(request).reservations()) {
                for (Instance instance : reservation.instances()) {
                    out.add(toRecord(instance));
                }
            }
            return out;
        });
    }

    /** Launches instances; the answer lists them as EC2 first reports them. */
    public List<InstanceRecord> run(RunRequest request) {
        RunInstancesRequest sdk = toSdk(request);
        List<Instance> launched =
                call("RunInstances", () -> ec2.runInstances(sdk).instances());
        return launched.stream().map(SdkRecords::toRecord).toList();
    }

    /** Starts instances, in batches. */
    public void start(Collection<String> ids) {
        for (List<String> chunk : chunks(List.copyOf(ids), MAX_IDS_PER_CALL)) {
            call("StartInstances", () -> ec2.startInstances(r -> r.instanceIds(chunk)));
        }
    }

    /** Stops instances, in batches. */
    public void stop(Collection<String> ids) {
        for (List<String> chunk : chunks(List.copyOf(ids), MAX_IDS_PER_CALL)) {
            call("StopInstances", () -> ec2.stopInstances(r -> r.instanceIds(chunk)));
        }
    }

    /** Terminates instances, in batches; answers each one's new state as EC2 reports it. */
    public Map<String, NodeState> terminate(Collection<String> ids) {
        Map<String, NodeState> states = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids), MAX_IDS_PER_CALL)) {
            states.putAll(SdkRecords.states(
                    call("TerminateInstances", () -> ec2.terminateInstances(r -> r.instanceIds(chunk)))));
        }
        return states;
    }

    /**
     * The instance's console output (GetConsoleOutput), decoded; empty while EC2 has none yet (it
     * lags the boot by minutes on AWS).
     */
    public String consoleOutput(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        String encoded = call("GetConsoleOutput", () -> ec2.getConsoleOutput(r -> r.instanceId(instanceId))
                .output());
        if (encoded == null || encoded.isBlank()) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            LOG.debug("console output of {} is not base64; using it as it is", instanceId);
            return encoded;
        }
    }

    /** Closes the client when this gateway made it. */
    @Override
    public void close() {
        if (owned) {
            ec2.close();
        }
    }

    private <T> T call(String action, Supplier<T> body) {
        Interrupts.check("EC2 " + action);
        try {
            T result = body.get();
            LOG.debug("EC2 {} in {} ok", action, region);
            return result;
        } catch (SdkException e) {
            LOG.debug("EC2 {} in {} failed: {}", action, region, e.toString());
            throw Ec2Errors.translate(action, e);
        }
    }
}
