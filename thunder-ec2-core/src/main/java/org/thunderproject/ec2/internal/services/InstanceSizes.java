package org.thunderproject.ec2.internal.services;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vCPUs and memory of common EC2 instance types, worked out from the type's name: the size gives
 * the vCPUs ({@code large} = 2, {@code xlarge} = 4, {@code Nxlarge} = 4N), the family letter the
 * memory per vCPU (c: 2 GiB, m: 4 GiB, r: 8 GiB, x: 16 GiB). Burstable (t) and other families
 * are listed where they differ; anything else is unknown, and the node measures itself.
 */
public final class InstanceSizes {

    /**
     * A type's size.
     *
     * @param vcpus virtual CPUs
     * @param memoryMib memory in MiB
     */
    public record Size(int vcpus, int memoryMib) {}

    private static final Pattern TYPE =
            Pattern.compile("([a-z]+)(\\d+)([a-z-]*)\\.(nano|micro|small|medium|large|xlarge|(\\d+)xlarge)");
    private static final Map<String, Integer> GIB_PER_VCPU = Map.of("c", 2, "m", 4, "r", 8, "x", 16, "z", 8);
    private static final Map<String, Size> BURSTABLE = Map.of(
            "nano",
            new Size(2, 512),
            "micro",
            new Size(2, 1024),
            "small",
            new Size(2, 2048),
            "medium",
            new Size(2, 4096),
            "large",
            new Size(2, 8192),
            "xlarge",
            new Size(4, 16384),
            "2xlarge",
            new Size(8, 32768));

    private InstanceSizes() {}

    /** The size of {@code instanceType}, when its name tells it. */
    public static Optional<Size> of(String instanceType) {
        Matcher m = TYPE.matcher(instanceType);
        if (!m.matches()) {
            return Optional.empty();
        }
        String family = m.group(1);
        String size = m.group(4);
        if (family.equals("t")) {
            return Optional.ofNullable(BURSTABLE.get(size));
        }
        Integer gib = GIB_PER_VCPU.get(family);
        if (gib == null) {
            return Optional.empty();
        }
        int vcpus =
                switch (size) {
                    case "large" -> 2;
                    case "xlarge" -> 4;
                    case "medium" -> 1;
                    default -> m.group(5) == null ? 0 : 4 * Integer.parseInt(m.group(5));
                };
        return vcpus == 0 ? Optional.empty() : Optional.of(new Size(vcpus, vcpus * gib * 1024));
    }

    /** What a Spark worker on {@code instanceType} offers: all but 1 GiB of memory (at least 512 MiB). */
    public static Optional<String> workerMemory(String instanceType) {
        return of(instanceType).map(s -> Math.max(512, s.memoryMib() - 1024) + "m");
    }

    /** The cores a Spark worker on {@code instanceType} offers: its vCPUs. */
    public static Optional<Integer> workerCores(String instanceType) {
        return of(instanceType).map(Size::vcpus);
    }
}
