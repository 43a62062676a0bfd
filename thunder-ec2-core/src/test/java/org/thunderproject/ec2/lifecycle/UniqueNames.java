package org.thunderproject.ec2.lifecycle;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for clusters and key pairs that no other test uses: {@code base} and six random hex digits,
 * so that tests sharing one endpoint (or an earlier run's leftovers) never meet.
 */
final class UniqueNames {
    private UniqueNames() {}

    static String name(String base) {
        return base + "-"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextInt())
                        .substring(0, 6);
    }
}
