package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Subnet;
import org.thunderproject.ec2.localcloud.internal.model.Tags;
import org.thunderproject.ec2.localcloud.internal.model.Vpc;
import org.thunderproject.ec2.localcloud.internal.model.Zone;

/** DescribeRegions, DescribeAvailabilityZones, DescribeVpcs, DescribeSubnets. */
final class NetworkActions {

    private static final Tags NO_TAGS = new Tags();

    private static final Filters<String> REGION_FILTERS = Filters.<String>of()
            .single("region-name", r -> r)
            .single("endpoint", r -> "ec2." + r + ".amazonaws.com")
            .single("opt-in-status", r -> "opt-in-not-required");

    private static final Filters<Zone> ZONE_FILTERS = Filters.<Zone>of()
            .single("zone-name", Zone::name)
            .single("zone-id", Zone::zoneId)
            .single("region-name", Zone::region)
            .single("group-name", Zone::region)
            .single("state", z -> "available")
            .single("zone-type", z -> "availability-zone")
            .single("opt-in-status", z -> "opt-in-not-required")
            .tags(z -> NO_TAGS);

    private static final Filters<Vpc> VPC_FILTERS = Filters.<Vpc>of()
            .single("vpc-id", Vpc::id)
            .single("is-default", Vpc::isDefault)
            .single("cidr", Vpc::cidrBlock)
            .single("cidr-block-association.cidr-block", Vpc::cidrBlock)
            .single("state", v -> "available")
            .single("owner-id", v -> CloudState.ACCOUNT_ID)
            .single("dhcp-options-id", Vpc::dhcpOptionsId)
            .tags(Vpc::tags);

    private static final Filters<Subnet> SUBNET_FILTERS = Filters.<Subnet>of()
            .single("subnet-id", Subnet::id)
            .single("vpc-id", Subnet::vpcId)
            .single("availability-zone", s -> s.zone().name())
            .single("availability-zone-id", s -> s.zone().zoneId())
            .single("availabilityZone", s -> s.zone().name())
            .single("default-for-az", Subnet::defaultForAz)
            .single("defaultForAz", Subnet::defaultForAz)
            .single("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
            .single("state", s -> "available")
            .single("cidr-block", Subnet::cidrBlock)
            .single("cidrBlock", Subnet::cidrBlock)
            .single("cidr", Subnet::cidrBlock)
            .single("owner-id", Subnet::ownerId)
            .single("subnet-arn", Subnet::arn)
            .tags(Subnet::tags);

    private NetworkActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("DescribeRegions", NetworkActions::regions);
        registry.locked("DescribeAvailabilityZones", NetworkActions::zones);
        registry.locked("DescribeVpcs", NetworkActions::vpcs);
        registry.locked("DescribeSubnets", NetworkActions::subnets);
    }

    private static void regions(Request request, XmlWriter out) {
        Map<String, Region> regions = request.cloud().regions();
        QueryParams params = request.params();
        List<String> names = params.strings("RegionName");
        for (String name : names) {
            if (!regions.containsKey(name)) {
                throw Ec2Error.invalidValue("Invalid region: " + name);
            }
        }
        Predicate<String> filter = REGION_FILTERS.parse(params);
        List<String> selected = regions.keySet().stream()
                .filter(r -> names.isEmpty() || names.contains(r))
                .filter(filter)
                .toList();
        out.list("regionInfo", selected, (w, r) -> w.leaf("regionName", r)
                .leaf("regionEndpoint", "ec2." + r + ".amazonaws.com")
                .leaf("optInStatus", "opt-in-not-required"));
    }

    private static void zones(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<String> names = params.strings("ZoneName");
        List<String> ids = params.strings("ZoneId");
        for (String name : names) {
            region.zone(name);
        }
        for (String id : ids) {
            if (region.zones().stream().noneMatch(z -> z.zoneId().equals(id))) {
                throw Ec2Error.invalidValue("Invalid availability zone ID: [" + id + "]");
            }
        }
        Predicate<Zone> filter = ZONE_FILTERS.parse(params);
        List<Zone> selected = region.zones().stream()
                .filter(z -> (names.isEmpty() && ids.isEmpty()) || names.contains(z.name()) || ids.contains(z.zoneId()))
                .filter(filter)
                .toList();
        out.list("availabilityZoneInfo", selected, (w, z) -> w.leaf("optInStatus", "opt-in-not-required")
                .list("messageSet", List.<String>of(), (m, s) -> m.leaf("message", s))
                .leaf("regionName", z.region())
                .leaf("zoneName", z.name())
                .leaf("zoneId", z.zoneId())
                .leaf("groupName", z.region())
                .leaf("networkBorderGroup", z.region())
                .leaf("zoneType", "availability-zone")
                .leaf("zoneState", "available"));
    }

    private static void vpcs(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        for (String id : params.strings("VpcId")) {
            if (!region.vpc().id().equals(id)) {
                throw Ec2Error.of("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        Predicate<Vpc> filter = VPC_FILTERS.parse(params);
        List<Vpc> selected = new ArrayList<>();
        if (filter.test(region.vpc())) {
            selected.add(region.vpc());
        }
        out.list("vpcSet", selected, (w, v) -> {
            w.leaf("vpcId", v.id())
                    .leaf("ownerId", CloudState.ACCOUNT_ID)
                    .leaf("state", "available")
                    .leaf("cidrBlock", v.cidrBlock())
                    .list("cidrBlockAssociationSet", List.of(v), (c, x) -> c.leaf(
                                    "associationId", "vpc-cidr-assoc-" + x.id().substring(4))
                            .leaf("cidrBlock", x.cidrBlock())
                            .element("cidrBlockState", s -> s.leaf("state", "associated")))
                    .list("ipv6CidrBlockAssociationSet", List.<String>of(), (c, x) -> {})
                    .leaf("dhcpOptionsId", v.dhcpOptionsId());
            Common.tagSet(w, v.tags());
            w.leaf("instanceTenancy", "default").leaf("isDefault", v.isDefault());
        });
    }

    private static void subnets(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<String> ids = params.strings("SubnetId");
        for (String id : ids) {
            region.subnet(id);
        }
        Predicate<Subnet> filter = SUBNET_FILTERS.parse(params);
        List<Subnet> selected = region.subnets().stream()
                .filter(s -> ids.isEmpty() || ids.contains(s.id()))
                .filter(filter)
                .toList();
        out.list("subnetSet", selected, (w, s) -> {
            w.leaf("subnetId", s.id())
                    .leaf("subnetArn", s.arn())
                    .leaf("state", "available")
                    .leaf("ownerId", s.ownerId())
                    .leaf("vpcId", s.vpcId())
                    .leaf("cidrBlock", s.cidrBlock())
                    .list("ipv6CidrBlockAssociationSet", List.<String>of(), (c, x) -> {})
                    .leaf("availableIpAddressCount", 4091)
                    .leaf("availabilityZone", s.zone().name())
                    .leaf("availabilityZoneId", s.zone().zoneId())
                    .leaf("defaultForAz", s.defaultForAz())
                    .leaf("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch())
                    .leaf("assignIpv6AddressOnCreation", false);
            Common.tagSet(w, s.tags());
        });
    }
}
