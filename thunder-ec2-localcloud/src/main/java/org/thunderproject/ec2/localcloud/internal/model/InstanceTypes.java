package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The instance types the cloud knows (real EC2 names) and their architecture. */
public final class InstanceTypes {

    private static final String X86 = "x86_64";
    private static final String ARM = "arm64";
    private static final List<String> BURST = List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge");
    private static final List<String> GENERAL =
            List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge");
    private static final List<String> GRAVITON =
            List.of("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge");
    private static final List<String> C5 =
            List.of("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge");
    private static final List<String> STORAGE = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge");

    private static final Map<String, String> TYPES = build();

    private InstanceTypes() {}

    private static Map<String, String> build() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("m1.small", X86);
        add(types, X86, BURST, "t2", "t3", "t3a");
        add(types, ARM, BURST, "t4g");
        add(
                types, X86, GENERAL, "m4", "m5", "m5a", "m5d", "m6i", "m6a", "m7i", "r4", "r5", "r5a", "r5d", "r6i",
                "r7i", "c6i", "c7i");
        add(types, X86, C5, "c4", "c5", "c5d");
        add(types, X86, STORAGE, "i3");
        add(types, ARM, GRAVITON, "m6g", "m7g", "c6g", "c7g", "r6g", "r7g");
        return Collections.unmodifiableMap(types);
    }

    private static void add(Map<String, String> types, String arch, List<String> sizes, String... families) {
        for (String family : families) {
            for (String size : sizes) {
                types.put(family + "." + size, arch);
            }
        }
    }

    /** Whether EC2 has this type (as far as the local cloud knows). */
    public static boolean exists(String type) {
        return TYPES.containsKey(type);
    }

    /** The architecture of a known type ({@code x86_64} or {@code arm64}). */
    public static String architecture(String type) {
        return TYPES.get(type);
    }

    /** Every known type. */
    public static Map<String, String> all() {
        return TYPES;
    }
}
