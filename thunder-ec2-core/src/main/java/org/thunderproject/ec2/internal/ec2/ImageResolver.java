package org.thunderproject.ec2.internal.ec2;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.thunderproject.ec2.PreflightException;

/** Finds the newest Amazon Linux 2023 image for an instance type's architecture. */
public final class ImageResolver {
    /** Graviton families: a generation digit followed by {@code g} (m6g, c7gn, t4g, r8gd, g5g, …). */
    private static final Pattern GRAVITON_FAMILY = Pattern.compile("[a-z]+\\d+g[a-z]*(-[a-z0-9]+)?");

    private ImageResolver() {}

    /** {@code arm64} for Graviton (and A1) instance types, else {@code x86_64}. */
    public static String architecture(String instanceType) {
        String family = instanceType.toLowerCase(Locale.ROOT);
        int dot = family.indexOf('.');
        if (dot >= 0) {
            family = family.substring(0, dot);
        }
        return family.equals("a1") || GRAVITON_FAMILY.matcher(family).matches() ? "arm64" : "x86_64";
    }

    /** The AMI name pattern of Amazon Linux 2023 (standard, not minimal) for an architecture. */
    public static String namePattern(String architecture) {
        return "al2023-ami-2023.*-kernel-*-" + architecture;
    }

    /** The newest Amazon Linux 2023 AMI in the gateway's region for {@code instanceType}. */
    public static String resolve(Ec2Gateway ec2, String instanceType) {
        String architecture = architecture(instanceType);
        List<ImageRecord> images = ec2.images("amazon", namePattern(architecture), architecture);
        return images.stream()
                .max(Comparator.comparing(ImageRecord::creationDate).thenComparing(ImageRecord::name))
                .map(ImageRecord::imageId)
                .orElseThrow(() -> new PreflightException(
                        "no Amazon Linux 2023 image (" + namePattern(architecture) + ", owner amazon) in region "
                                + ec2.region() + " for " + instanceType + "; give an AMI with ami(...)"));
    }
}
