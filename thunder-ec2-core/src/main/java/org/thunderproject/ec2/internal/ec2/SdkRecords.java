package org.thunderproject.ec2.internal.ec2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import org.thunderproject.ec2.NodeState;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Translations between the SDK's EC2 types and thunder-ec2's records, for {@link Ec2Gateway}. */
final class SdkRecords {
    private SdkRecords() {}

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    static TagSpecification tagSpec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(toTags(tags)).build();
    }

    static Map<String, String> fromTags(List<Tag> tags) {
        Map<String, String> out = new HashMap<>();
        for (Tag tag : tags) {
            if (tag.key() != null) {
                out.put(tag.key(), Objects.requireNonNullElse(tag.value(), ""));
            }
        }
        return out;
    }

    static IpPermission toPermission(Rule rule) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol(rule.protocol());
        if (!"-1".equals(rule.protocol())) {
            permission.fromPort(rule.fromPort()).toPort(rule.toPort());
        }
        switch (rule.kind()) {
            case CIDR_V4 ->
                permission.ipRanges(IpRange.builder().cidrIp(rule.source()).build());
            case CIDR_V6 ->
                permission.ipv6Ranges(
                        Ipv6Range.builder().cidrIpv6(rule.source()).build());
            case GROUP ->
                permission.userIdGroupPairs(
                        UserIdGroupPair.builder().groupId(rule.source()).build());
        }
        return permission.build();
    }

    static Set<Rule> fromPermission(IpPermission permission) {
        String protocol = normalizeProtocol(permission.ipProtocol());
        boolean all = "-1".equals(protocol);
        int from = all || permission.fromPort() == null ? -1 : permission.fromPort();
        int to = all || permission.toPort() == null ? -1 : permission.toPort();
        Set<Rule> rules = new HashSet<>();
        for (IpRange range : permission.ipRanges()) {
            rules.add(new Rule(protocol, from, to, range.cidrIp(), Rule.SourceKind.CIDR_V4));
        }
        for (Ipv6Range range : permission.ipv6Ranges()) {
            rules.add(new Rule(protocol, from, to, range.cidrIpv6(), Rule.SourceKind.CIDR_V6));
        }
        for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
            if (pair.groupId() != null) {
                rules.add(new Rule(protocol, from, to, pair.groupId(), Rule.SourceKind.GROUP));
            }
        }
        return rules;
    }

    static String normalizeProtocol(String protocol) {
        if (protocol == null) {
            return "-1";
        }
        return switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "all", "-1" -> "-1";
            default -> protocol.toLowerCase(java.util.Locale.ROOT);
        };
    }

    static GroupRecord toRecord(SecurityGroup group) {
        Set<Rule> ingress = new HashSet<>();
        for (IpPermission permission : group.ipPermissions()) {
            ingress.addAll(fromPermission(permission));
        }
        return new GroupRecord(
                group.groupId(),
                group.groupName(),
                Optional.ofNullable(group.vpcId()),
                fromTags(group.tags()),
                ingress);
    }

    /** The state EC2 reports (pending when it reports none, or one this library does not know). */
    static NodeState state(InstanceState state) {
        try {
            return state == null ? NodeState.PENDING : NodeState.fromEc2(state.nameAsString());
        } catch (IllegalArgumentException e) {
            return NodeState.PENDING;
        }
    }

    /** Each instance's new state, as TerminateInstances answers it. */
    static Map<String, NodeState> states(TerminateInstancesResponse response) {
        Map<String, NodeState> states = new LinkedHashMap<>();
        for (InstanceStateChange change : response.terminatingInstances()) {
            states.put(change.instanceId(), state(change.currentState()));
        }
        return states;
    }

    static InstanceRecord toRecord(Instance instance) {
        NodeState state = state(instance.state());
        String zone = instance.placement() == null
                ? ""
                : Objects.requireNonNullElse(instance.placement().availabilityZone(), "");
        return new InstanceRecord(
                instance.instanceId(),
                state,
                Objects.requireNonNullElse(instance.instanceTypeAsString(), ""),
                zone,
                blankToEmpty(instance.publicIpAddress()),
                blankToEmpty(instance.privateIpAddress()),
                blankToEmpty(instance.publicDnsName()),
                instance.instanceLifecycle() == InstanceLifecycleType.SPOT,
                Objects.requireNonNullElse(instance.launchTime(), Instant.EPOCH),
                Objects.requireNonNullElse(instance.amiLaunchIndex(), 0),
                fromTags(instance.tags()),
                instance.securityGroups().stream()
                        .map(g -> g.groupId())
                        .filter(Objects::nonNull)
                        .toList());
    }

    static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    static RunInstancesRequest toSdk(RunRequest r) {
        RunInstancesRequest.Builder b = RunInstancesRequest.builder()
                .imageId(r.imageId())
                .instanceType(r.instanceType())
                .minCount(r.count())
                .maxCount(r.count())
                .keyName(r.keyName())
                .securityGroupIds(r.securityGroupIds())
                .clientToken(r.clientToken())
                .tagSpecifications(
                        tagSpec(ResourceType.INSTANCE, r.instanceTags()), tagSpec(ResourceType.VOLUME, r.volumeTags()));
        if (r.availabilityZone().isPresent() || r.placementGroup().isPresent()) {
            b.placement(p -> p.availabilityZone(r.availabilityZone().orElse(null))
                    .groupName(r.placementGroup().orElse(null)));
        }
        r.subnetId().ifPresent(b::subnetId);
        r.instanceProfileName().ifPresent(name -> b.iamInstanceProfile(p -> p.name(name)));
        r.userData().ifPresent(u -> b.userData(Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))));
        if (r.ebsVolumeSizeGb() > 0) {
            List<BlockDeviceMapping> mappings = new ArrayList<>();
            for (int i = 0; i < r.ebsVolumeCount(); i++) {
                String device = "/dev/sd" + (char) ('f' + i);
                mappings.add(BlockDeviceMapping.builder()
                        .deviceName(device)
                        .ebs(e -> e.volumeSize(r.ebsVolumeSizeGb())
                                .volumeType(r.ebsVolumeType())
                                .deleteOnTermination(true))
                        .build());
            }
            b.blockDeviceMappings(mappings);
        }
        if (r.spotPrice().isPresent()) {
            // One-time spot instances cannot stop themselves: EC2 refuses "stop" as their shutdown behaviour.
            b.instanceInitiatedShutdownBehavior("terminate");
            b.instanceMarketOptions(m -> m.marketType("spot")
                    .spotOptions(s -> s.maxPrice(r.spotPrice().get().toPlainString())
                            .spotInstanceType("one-time")
                            .instanceInterruptionBehavior("terminate")));
        } else {
            b.instanceInitiatedShutdownBehavior(
                    r.shutdownBehavior() == ShutdownBehavior.TERMINATE ? "terminate" : "stop");
        }
        return b.build();
    }
}
