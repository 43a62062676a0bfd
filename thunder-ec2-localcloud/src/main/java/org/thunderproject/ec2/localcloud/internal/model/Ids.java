package org.thunderproject.ec2.localcloud.internal.model;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/** Makes EC2-shaped resource ids ({@code i-0123456789abcdef0}), unique within one cloud. */
public final class Ids {

    private final SecureRandom random = new SecureRandom();
    private final Set<String> issued = new HashSet<>();

    /** A fresh id {@code prefix-} + 17 hex digits. */
    public synchronized String next(String prefix) {
        return next(prefix, 17);
    }

    /** A fresh id {@code prefix-} + {@code digits} hex digits. */
    public synchronized String next(String prefix, int digits) {
        while (true) {
            StringBuilder id = new StringBuilder(prefix).append('-');
            for (int i = 0; i < digits; i++) {
                id.append(Character.forDigit(random.nextInt(16), 16));
            }
            if (issued.add(id.toString())) {
                return id.toString();
            }
        }
    }
}
