package org.thunderproject.ec2.localcloud.internal.actions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Image;
import org.thunderproject.ec2.localcloud.internal.model.LaunchConfig;

/**
 * The parts of a RunInstances request that are checked on their own, each as EC2 checks it: user
 * data, the instance profile, the spot market options and the block-device mappings.
 */
final class LaunchRequestParts {
    private static final int USER_DATA_LIMIT = 16 * 1024;
    private static final int ROOT_VOLUME_GIB = 8;
    private static final Set<String> VOLUME_TYPES = Set.of("standard", "io1", "io2", "gp2", "gp3", "sc1", "st1");

    /** One EBS volume to create with the instance. */
    record VolumeSpec(String device, int size, String type, boolean deleteOnTermination, boolean encrypted) {}

    private LaunchRequestParts() {}

    static String userData(String userData) {
        if (userData == null || userData.isEmpty()) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(userData.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw Ec2Error.invalidValue("Invalid BASE64 encoding of user data.");
        }
        if (decoded.length > USER_DATA_LIMIT) {
            throw Ec2Error.invalidValue("User data is limited to " + USER_DATA_LIMIT + " bytes");
        }
        return userData;
    }

    static LaunchConfig.IamProfile iamProfile(QueryParams profile) {
        String arn = profile.string("Arn");
        String name = profile.string("Name");
        if (arn == null && name == null) {
            return null;
        }
        if (arn == null) {
            arn = "arn:aws:iam::" + CloudState.ACCOUNT_ID + ":instance-profile/" + name;
        } else if (!arn.matches("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/.+")) {
            throw Ec2Error.invalidValue("Value (" + arn + ") for parameter iamInstanceProfile.arn is invalid.");
        }
        return new LaunchConfig.IamProfile(
                arn, "AIPA" + hash(arn).substring(0, 17).toUpperCase(Locale.ROOT));
    }

    static LaunchConfig.Spot spot(QueryParams market, CloudState cloud) {
        String marketType = market.string("MarketType");
        if (marketType == null) {
            return null;
        }
        if (!marketType.equals("spot")) {
            throw Ec2Error.invalidValue(
                    "Invalid value '" + marketType + "' for MarketType; the local cloud supports spot");
        }
        QueryParams options = market.struct("SpotOptions");
        String maxPrice = options.string("MaxPrice");
        if (maxPrice != null) {
            try {
                if (new BigDecimal(maxPrice).signum() <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw Ec2Error.invalidValue(
                        "Invalid value '" + maxPrice + "' for MaxPrice: a positive price is required");
            }
        }
        String spotType = options.optional("SpotInstanceType").orElse("one-time");
        if (!spotType.equals("one-time") && !spotType.equals("persistent")) {
            throw Ec2Error.invalidValue("Invalid value '" + spotType + "' for SpotInstanceType.");
        }
        String interruption = options.optional("InstanceInterruptionBehavior").orElse("terminate");
        if (!Set.of("terminate", "stop", "hibernate").contains(interruption)) {
            throw Ec2Error.invalidValue("Invalid value '" + interruption + "' for InstanceInterruptionBehavior.");
        }
        if (spotType.equals("one-time") && !interruption.equals("terminate")) {
            throw Ec2Error.of(
                    "InvalidParameterCombination",
                    "The interruption behavior '" + interruption + "' requires a persistent Spot Instance request.");
        }
        return new LaunchConfig.Spot(cloud.ids().next("sir", 8), spotType, interruption, maxPrice);
    }

    static List<VolumeSpec> volumes(QueryParams params, Image image) {
        Map<String, VolumeSpec> devices = new LinkedHashMap<>();
        devices.put(
                image.rootDeviceName(), new VolumeSpec(image.rootDeviceName(), ROOT_VOLUME_GIB, "gp3", true, false));
        Set<String> seen = new HashSet<>();
        for (QueryParams mapping : params.structs("BlockDeviceMapping")) {
            String device = mapping.required("DeviceName");
            if (!device.matches("/dev/(sd|xvd)[a-z]{1,2}\\d*")) {
                throw Ec2Error.of("InvalidBlockDeviceMapping", "Invalid device name " + device);
            }
            if (!seen.add(device)) {
                throw Ec2Error.of(
                        "InvalidBlockDeviceMapping",
                        "The device '" + device + "' is used in more than one block-device mapping");
            }
            if (mapping.string("NoDevice") != null) {
                if (device.equals(image.rootDeviceName())) {
                    throw Ec2Error.of("InvalidBlockDeviceMapping", "The root device cannot be suppressed");
                }
                devices.remove(device);
                continue;
            }
            if (mapping.string("VirtualName") != null) {
                continue; // instance store: no EBS volume
            }
            QueryParams ebs = mapping.struct("Ebs");
            if (ebs.isEmpty()) {
                throw Ec2Error.of(
                        "InvalidBlockDeviceMapping",
                        "The block device mapping for " + device + " needs Ebs, VirtualName or NoDevice");
            }
            String type = ebs.optional("VolumeType").orElse("gp3");
            if (!VOLUME_TYPES.contains(type)) {
                throw Ec2Error.invalidValue("Value (" + type + ") for parameter volumeType is invalid. Valid values: "
                        + String.join(", ", new TreeSet<>(VOLUME_TYPES)));
            }
            boolean root = device.equals(image.rootDeviceName());
            int size = ebs.integer("VolumeSize").orElse(root ? ROOT_VOLUME_GIB : -1);
            if (size < 0) {
                throw Ec2Error.missing("BlockDeviceMapping.Ebs.VolumeSize (or a SnapshotId)");
            }
            int[] range =
                    switch (type) {
                        case "io1", "io2" -> new int[] {4, 16384};
                        case "st1", "sc1" -> new int[] {125, 16384};
                        case "standard" -> new int[] {1, 1024};
                        default -> new int[] {1, 16384};
                    };
            if (size < range[0] || size > range[1]) {
                throw Ec2Error.invalidValue("Volume of " + size + " GiB is outside the range " + range[0] + "-"
                        + range[1] + " GiB for volume type " + type);
            }
            if (root && size < ROOT_VOLUME_GIB) {
                throw Ec2Error.of(
                        "InvalidBlockDeviceMapping",
                        "Volume of size " + size + "GB is smaller than snapshot of the image, expect size >= "
                                + ROOT_VOLUME_GIB + "GB");
            }
            devices.put(
                    device,
                    new VolumeSpec(
                            device, size, type, ebs.bool("DeleteOnTermination", true), ebs.bool("Encrypted", false)));
        }
        return List.copyOf(devices.values());
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
