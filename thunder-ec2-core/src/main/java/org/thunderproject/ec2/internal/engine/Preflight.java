package org.thunderproject.ec2.internal.engine;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.thunderproject.ec2.CallerAddress;
import org.thunderproject.ec2.CloudException;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.PreflightException;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.ec2.ClusterTags;
import org.thunderproject.ec2.internal.ec2.Ec2Errors;
import org.thunderproject.ec2.internal.ec2.Ec2Gateway;
import org.thunderproject.ec2.internal.ec2.GroupRecord;
import org.thunderproject.ec2.internal.ec2.ImageResolver;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.KeyPairRecord;
import org.thunderproject.ec2.internal.ec2.LaunchPlan;
import org.thunderproject.ec2.internal.ec2.NameClaim;
import org.thunderproject.ec2.internal.ec2.SubnetRecord;
import org.thunderproject.ec2.internal.nodes.KeyFiles;
import org.thunderproject.ec2.internal.nodes.KeyFingerprints;
import org.thunderproject.ec2.internal.nodes.KeyMaterial;

/**
 * The checks before a launch creates anything — key file, key pair, name, network, image,
 * addresses — and the {@link LaunchPlan} they resolve. Each failure is a {@link PreflightException}
 * that says what to do.
 */
public final class Preflight {
    private final Ec2Gateway ec2;
    private final CallerAddress callerAddress;
    private final EventSink events;

    /** Checks through {@code ec2}. */
    public Preflight(Ec2Gateway ec2, CallerAddress callerAddress, EventSink events) {
        this.ec2 = ec2;
        this.callerAddress = callerAddress;
        this.events = events;
    }

    /** Checks the key file and that the key pair exists in the region and holds the file's key. */
    public String checkKeys(ClusterSpec spec) {
        if (spec.keyName().isEmpty() || spec.identityFile().isEmpty()) {
            throw new PreflightException(
                    "launching cluster '" + spec.name() + "' needs a key pair: set keyPair(name, identityFile)"
                            + " in the spec (the EC2 key pair's name and its private key file)");
        }
        String keyName = spec.keyName().get();
        Path file = spec.identityFile().get();
        KeyFiles.checkPermissions(file);
        KeyMaterial key = KeyFiles.read(file);
        KeyPairRecord pair = ec2.keyPair(keyName)
                .orElseThrow(() -> new PreflightException("key pair '" + keyName
                        + "' does not exist in region " + ec2.region()
                        + ": create or import it there (EC2 console, Key Pairs),"
                        + " or use the region it lives in"));
        if (!pair.keyType().isEmpty() && !pair.keyType().equalsIgnoreCase(key.algorithm())) {
            throw new PreflightException(
                    "identity file " + file + " holds an " + key.algorithm() + " key but key pair '" + keyName + "' in "
                            + ec2.region() + " is " + pair.keyType() + ": give the key pair's own private key file");
        }
        switch (KeyFingerprints.match(pair.fingerprint(), key)) {
            case MATCH -> {}
            case MISMATCH ->
                throw new PreflightException("identity file " + file + " does not hold the key of key pair '"
                        + keyName + "' in region " + ec2.region() + " (EC2 fingerprint " + pair.fingerprint()
                        + ", the file's "
                        + String.join(" or ", KeyFingerprints.candidates(key))
                        + "): give the matching file or key pair name");
            case UNVERIFIABLE ->
                events.warning("identity file " + file + " is encrypted, so it cannot be checked against"
                        + " key pair '" + keyName + "' (created by EC2, whose fingerprint needs the private key)");
        }
        return keyName;
    }

    /** Refuses when anything of the cluster exists. */
    public void checkNameFree(ClusterSpec spec, Inventory existing) {
        for (Optional<GroupRecord> group : List.of(existing.masterGroup(), existing.slavesGroup())) {
            if (group.isPresent() && !group.get().belongsTo(spec.name())) {
                throw new PreflightException("security group " + group.get().name() + " ("
                        + group.get().id()
                        + ") exists but was not created by thunder-ec2 for cluster '" + spec.name() + "' (no tag "
                        + ClusterTags.CLUSTER + "=" + spec.name()
                        + "): choose another cluster name, or delete that group");
            }
        }
        if (existing.exists()) {
            throw NameClaim.taken(existing);
        }
    }

    /**
     * The plan of a start: the nodes, their images, groups and rules exist already, so only the key
     * pair and whether the nodes get public addresses (the subnet's setting) are left to resolve.
     */
    public LaunchPlan startPlan(ClusterSpec spec) {
        Optional<SubnetRecord> subnet = spec.subnetId().flatMap(ec2::subnet);
        return new LaunchPlan(
                spec.keyName().orElse(""),
                "",
                "",
                spec.authorizedCidrs(),
                List.of(),
                subnet,
                subnet.map(SubnetRecord::mapsPublicIp).orElse(true));
    }

    /** Resolves images, network, groups and addresses into a plan. */
    public LaunchPlan plan(ClusterSpec spec, String keyName) {
        Optional<SubnetRecord> subnet = checkNetwork(spec);
        List<String> extraGroups = resolveGroups(spec);
        spec.ami().ifPresent(ami -> {
            if (!ec2.imageExists(ami)) {
                throw new PreflightException("AMI " + ami + " does not exist in region " + ec2.region()
                        + " (AMIs are regional): give an AMI of this region, or none for the newest Amazon Linux 2023");
            }
        });
        String masterImage = spec.ami().orElseGet(() -> ImageResolver.resolve(ec2, spec.effectiveMasterInstanceType()));
        String slaveImage = spec.ami()
                .orElseGet(() -> ImageResolver.architecture(spec.instanceType())
                                .equals(ImageResolver.architecture(spec.effectiveMasterInstanceType()))
                        ? masterImage
                        : ImageResolver.resolve(ec2, spec.instanceType()));
        List<String> cidrs = spec.authorizedCidrs().isEmpty() ? List.of(callerCidr()) : spec.authorizedCidrs();
        return new LaunchPlan(
                keyName,
                masterImage,
                slaveImage,
                cidrs,
                extraGroups,
                subnet,
                subnet.map(SubnetRecord::mapsPublicIp).orElse(true));
    }

    private Optional<SubnetRecord> checkNetwork(ClusterSpec spec) {
        if (spec.vpcId().isPresent() && !ec2.vpcExists(spec.vpcId().get())) {
            throw new PreflightException("VPC " + spec.vpcId().get() + " does not exist in region " + ec2.region());
        }
        Optional<SubnetRecord> subnet = Optional.empty();
        if (spec.subnetId().isPresent()) {
            String id = spec.subnetId().get();
            SubnetRecord s = ec2.subnet(id)
                    .orElseThrow(
                            () -> new PreflightException("subnet " + id + " does not exist in region " + ec2.region()));
            if (!s.vpcId().equals(spec.vpcId().orElse(s.vpcId()))) {
                throw new PreflightException("subnet " + id + " is in " + s.vpcId() + ", not in vpcId "
                        + spec.vpcId().get());
            }
            if (spec.availabilityZone().isPresent()
                    && !spec.availabilityZone().get().equals(s.availabilityZone())) {
                throw new PreflightException("subnet " + id + " is in zone " + s.availabilityZone()
                        + ", not in availabilityZone " + spec.availabilityZone().get() + ": drop one of them");
            }
            subnet = Optional.of(s);
        }
        if (spec.availabilityZone().isPresent() && subnet.isEmpty()) {
            List<String> zones = ec2.availabilityZones();
            if (!zones.contains(spec.availabilityZone().get())) {
                throw new PreflightException(
                        "availability zone " + spec.availabilityZone().get() + " is not available in region "
                                + ec2.region() + " (available: " + String.join(", ", zones) + ")");
            }
        }
        return subnet;
    }

    private List<String> resolveGroups(ClusterSpec spec) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String group : spec.additionalSecurityGroups()) {
            if (group.startsWith("sg-")) {
                ids.add(group);
            } else {
                names.add(group);
            }
        }
        if (!ids.isEmpty()) {
            try {
                ec2.groupsById(ids);
            } catch (CloudException e) {
                if (Ec2Errors.hasCode(e, "InvalidGroup.NotFound") || Ec2Errors.hasCode(e, "InvalidGroupId.Malformed")) {
                    throw new PreflightException("additional security group(s) " + ids + " not found in region "
                            + ec2.region() + ": " + e.getMessage());
                }
                throw e;
            }
        }
        if (!names.isEmpty()) {
            Map<String, String> found = new HashMap<>();
            for (GroupRecord g : ec2.groupsByName(names, spec.vpcId())) {
                found.putIfAbsent(g.name(), g.id());
            }
            for (String name : names) {
                String id = found.get(name);
                if (id == null) {
                    throw new PreflightException(
                            "additional security group '" + name + "' not found in region " + ec2.region()
                                    + spec.vpcId().map(v -> " (VPC " + v + ")").orElse(""));
                }
                ids.add(id);
            }
        }
        for (NodeRole role : NodeRole.values()) {
            ids.remove(ClusterTags.groupName(spec.name(), role));
        }
        return List.copyOf(ids);
    }

    private String callerCidr() {
        InetAddress address;
        try {
            address = callerAddress.resolve();
        } catch (RuntimeException e) {
            throw new PreflightException("could not find your public address to open SSH and the web UIs to ("
                    + e.getMessage() + "): set authorizedCidrs in the spec, such as 203.0.113.7/32");
        }
        return InetAddresses.toAddrString(address) + (address instanceof Inet6Address ? "/128" : "/32");
    }
}
