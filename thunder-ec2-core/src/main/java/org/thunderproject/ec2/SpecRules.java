package org.thunderproject.ec2;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.thunderproject.ec2.internal.Cidrs;

/** The rules a {@link ClusterSpec} must follow; each failure names the field and the rule. */
final class SpecRules {

    // Security-group names allow more, but the name also goes into tags, host names and paths.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+[a-z]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern KEY_NAME = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final Set<String> EBS_TYPES = Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");
    private static final int MAX_SLAVES = 1000;
    private static final int MAX_USER_DATA_BYTES = 16 * 1024;
    // EC2 allows 50 tags per resource; thunder-ec2 writes up to six of its own (Name, cluster, role,
    // batch, autostop and its action).
    private static final int MAX_EXTRA_TAGS = 44;

    private SpecRules() {}

    /** Throws {@link InvalidSpecException} for the first rule {@code spec} breaks. */
    static void check(ClusterSpec spec) {
        String name = spec.name();
        require(
                NAME.matcher(name).matches(),
                "name",
                "'" + name + "' is not a valid cluster name: use 1 to 63 letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit (it names the security groups NAME-master and NAME-slaves)");
        require(
                !name.toLowerCase(Locale.ROOT).startsWith("sg-"),
                "name",
                "'" + name + "' must not start with 'sg-' (EC2 reserves that prefix for group ids)");
        require(
                spec.keyName().isPresent() == spec.identityFile().isPresent(),
                "keyPair",
                "give the key pair name and its identity file together (keyPair(name, file))");
        spec.keyName()
                .ifPresent(k -> require(
                        KEY_NAME.matcher(k).matches(),
                        "keyName",
                        "'" + k + "' is not a valid key pair name: 1 to 255 printable ASCII characters"));
        require(
                spec.slaves() >= 1 && spec.slaves() <= MAX_SLAVES,
                "slaves",
                spec.slaves() + " slaves: a cluster needs 1 to " + MAX_SLAVES + " slaves");
        checkInstanceType("instanceType", spec.instanceType());
        spec.masterInstanceType().ifPresent(t -> checkInstanceType("masterInstanceType", t));
        spec.region()
                .ifPresent(r -> require(
                        REGION.matcher(r).matches(), "region", "'" + r + "' is not a region name like us-east-1"));
        spec.availabilityZone()
                .ifPresent(z -> require(
                        ZONE.matcher(z).matches(),
                        "availabilityZone",
                        "'" + z + "' is not an availability zone like us-east-1a"));
        spec.availabilityZone().ifPresent(z -> spec.region()
                .ifPresent(r -> require(
                        z.startsWith(r) && z.length() > r.length(),
                        "availabilityZone",
                        "zone '" + z + "' is not in region '" + r + "'")));
        spec.ami()
                .ifPresent(a -> require(
                        AMI.matcher(a).matches(), "ami", "'" + a + "' is not an AMI id like ami-0123456789abcdef0"));
        require(USER.matcher(spec.user()).matches(), "user", "'" + spec.user() + "' is not a valid login user name");
        require(
                spec.sshPort() >= 1 && spec.sshPort() <= 65535,
                "sshPort",
                spec.sshPort() + " is not a TCP port (1 to 65535)");
        require(
                spec.sparkConnectPort() >= 1 && spec.sparkConnectPort() <= 65535,
                "sparkConnectPort",
                spec.sparkConnectPort() + " is not a TCP port (1 to 65535)");
        for (String cidr : spec.authorizedCidrs()) {
            require(
                    Cidrs.isValid(cidr),
                    "authorizedCidrs",
                    "'" + cidr + "' is not a CIDR like 203.0.113.7/32 or 2001:db8::/64");
        }
        spec.spotPrice()
                .ifPresent(p -> require(
                        p.compareTo(BigDecimal.ZERO) > 0,
                        "spotPrice",
                        p.toPlainString() + " is not a positive price in USD per hour"));
        require(
                spec.ebsVolumeSizeGb() >= 0 && spec.ebsVolumeSizeGb() <= 16384,
                "ebsVolumeSizeGb",
                spec.ebsVolumeSizeGb() + " GiB: EBS volumes are 1 to 16384 GiB (0 for none)");
        require(
                spec.ebsVolumeCount() >= 1 && spec.ebsVolumeCount() <= 8,
                "ebsVolumeCount",
                spec.ebsVolumeCount() + " volumes: give 1 to 8 EBS volumes per node");
        require(
                EBS_TYPES.contains(spec.ebsVolumeType()),
                "ebsVolumeType",
                "'" + spec.ebsVolumeType() + "' is not an EBS volume type; use one of " + EBS_TYPES);
        spec.vpcId()
                .ifPresent(v ->
                        require(VPC.matcher(v).matches(), "vpcId", "'" + v + "' is not a VPC id like vpc-0123abcd"));
        spec.subnetId()
                .ifPresent(s -> require(
                        SUBNET.matcher(s).matches(),
                        "subnetId",
                        "'" + s + "' is not a subnet id like subnet-0123abcd"));
        require(
                spec.subnetId().isEmpty() || spec.vpcId().isPresent(),
                "subnetId",
                "a subnet needs its VPC: give vpcId too, so the security groups are created in that VPC");
        spec.userData()
                .ifPresent(u -> require(
                        u.getBytes(StandardCharsets.UTF_8).length <= MAX_USER_DATA_BYTES,
                        "userData",
                        "user data is limited to 16 KiB by EC2"));
        for (String group : spec.additionalSecurityGroups()) {
            require(
                    !group.isBlank() && group.length() <= 255,
                    "additionalSecurityGroups",
                    "'" + group + "' is not a security group id or name");
        }
        require(
                spec.additionalTags().size() <= MAX_EXTRA_TAGS,
                "additionalTags",
                spec.additionalTags().size() + " tags: at most " + MAX_EXTRA_TAGS
                        + " extra tags fit beside thunder-ec2's own");
        for (Map.Entry<String, String> tag : spec.additionalTags().entrySet()) {
            String key = tag.getKey();
            require(
                    !key.isEmpty() && key.length() <= 128,
                    "additionalTags",
                    "tag key '" + key + "' must be 1 to 128 characters");
            require(
                    tag.getValue().length() <= 256,
                    "additionalTags",
                    "the value of tag '" + key + "' is longer than 256 characters");
            String lower = key.toLowerCase(Locale.ROOT);
            require(
                    !lower.startsWith("aws:") && !lower.startsWith("thunder:") && !key.equals("Name"),
                    "additionalTags",
                    "tag key '" + key + "' is reserved (aws:*, thunder:* and Name are set by EC2 or thunder-ec2)");
        }
        require(
                !spec.readyTimeout().isNegative() && !spec.readyTimeout().isZero(),
                "readyTimeout",
                "the ready timeout must be positive");
        spec.autostop().ifPresent(SpecRules::checkAutostop);
        require(
                spec.autostop().isPresent() || spec.autostopAction() == AutostopAction.STOP,
                "autostopAction",
                "autostopAction TERMINATE needs an autostop duration (autostop(Duration))");
        ServiceRules.check(spec);
    }

    /** The autostop rule, also for {@link Cluster#autostop(java.util.Optional)}. */
    static void checkAutostop(Duration idle) {
        String test = System.getProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY);
        Duration minimum = test == null ? ClusterSpec.MINIMUM_AUTOSTOP : Duration.parse(test);
        require(
                idle.compareTo(minimum) >= 0,
                "autostop",
                "autostop after " + idle.toSeconds() + "s: give at least " + minimum.toMinutes() + " minute(s)"
                        + " (a cluster idle that briefly is usually between two commands)");
    }

    private static void checkInstanceType(String field, String type) {
        require(INSTANCE_TYPE.matcher(type).matches(), field, "'" + type + "' is not an instance type like m5.large");
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new InvalidSpecException(field, rule);
        }
    }
}
