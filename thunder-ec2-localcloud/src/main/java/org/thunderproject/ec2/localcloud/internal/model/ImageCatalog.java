package org.thunderproject.ec2.localcloud.internal.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The public images of a region: a few Amazon Linux 2023 releases for x86_64 and arm64 (standard
 * and minimal), one Amazon Linux 2 and one Ubuntu image. AMI ids are derived from region and name,
 * so they stay the same across restarts of the cloud, like real AMI ids.
 */
public final class ImageCatalog {

    /** Amazon's account, owner of the Amazon Linux images. */
    public static final String AMAZON_OWNER = "137112412989";
    /** Canonical's account, owner of the Ubuntu images. */
    public static final String CANONICAL_OWNER = "099720109477";

    private ImageCatalog() {}

    /** The images of {@code region}, oldest first. */
    public static List<Image> forRegion(String region) {
        List<Image> images = new ArrayList<>();
        String[][] al2023 = {
            {"2023.5.20240916.0", "2024-09-16T20:14:47.000Z", "2024-09-16T20:21:05.000Z"},
            {"2023.6.20241031.0", "2024-10-31T19:58:12.000Z", "2024-10-31T20:03:44.000Z"},
            {"2023.6.20241111.0", "2024-11-12T00:15:31.000Z", "2024-11-12T00:22:10.000Z"},
        };
        for (String[] release : al2023) {
            images.add(amazon(
                    region,
                    "al2023-ami-" + release[0] + "-kernel-6.1-x86_64",
                    "x86_64",
                    release[1],
                    "Amazon Linux 2023 AMI " + release[0] + " x86_64 HVM kernel-6.1"));
            images.add(amazon(
                    region,
                    "al2023-ami-" + release[0] + "-kernel-6.1-arm64",
                    "arm64",
                    release[2],
                    "Amazon Linux 2023 AMI " + release[0] + " arm64 HVM kernel-6.1"));
        }
        images.add(amazon(
                region,
                "al2023-ami-minimal-2023.6.20241111.0-kernel-6.1-x86_64",
                "x86_64",
                "2024-11-12T00:31:02.000Z",
                "Amazon Linux 2023 AMI 2023.6.20241111.0 x86_64 Minimal HVM kernel-6.1"));
        images.add(amazon(
                region,
                "al2023-ami-minimal-2023.6.20241111.0-kernel-6.1-arm64",
                "arm64",
                "2024-11-12T00:36:40.000Z",
                "Amazon Linux 2023 AMI 2023.6.20241111.0 arm64 Minimal HVM kernel-6.1"));
        images.add(amazon(
                region,
                "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2",
                "x86_64",
                "2024-11-13T22:45:03.000Z",
                "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2"));
        String ubuntu = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241112";
        images.add(new Image(
                amiId(region, ubuntu),
                ubuntu,
                "Canonical, Ubuntu, 24.04, amd64 noble image",
                "x86_64",
                CANONICAL_OWNER,
                null,
                "2024-11-12T08:40:01.000Z",
                "ubuntu"));
        return List.copyOf(images);
    }

    private static Image amazon(String region, String name, String arch, String created, String description) {
        return new Image(amiId(region, name), name, description, arch, AMAZON_OWNER, "amazon", created, "ec2-user");
    }

    private static String amiId(String region, String name) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((region + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "ami-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
