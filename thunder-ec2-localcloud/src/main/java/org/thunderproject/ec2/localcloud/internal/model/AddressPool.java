package org.thunderproject.ec2.localcloud.internal.model;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for instances: all of 127.0.0.0/8 is loopback on Linux, so each instance can
 * have addresses of its own. Never hands out 127.0.0.0/16 (127.0.0.1 is the caller, 127.0.0.53
 * and 127.0.1.1 belong to the system), nor .0 or .255 host parts. Addresses in use are distinct;
 * released ones come back only after the whole range has been used once. Each pool starts at a
 * random point so that clouds in different processes on one machine rarely collide.
 */
public final class AddressPool {

    private static final int FIRST = (127 << 24) | (1 << 16); // 127.1.0.0
    private static final int LAST = (127 << 24) | (254 << 16) | 0xffff; // 127.254.255.255

    private final Set<Integer> inUse = new HashSet<>();
    private int next;

    /** A pool starting at a random address. */
    public AddressPool() {
        this(ThreadLocalRandom.current().nextInt(FIRST, LAST));
    }

    AddressPool(int start) {
        this.next = start;
    }

    /** A free address, marked in use. */
    public synchronized String allocate() {
        long span = (long) LAST - FIRST + 1;
        for (long tries = 0; tries < span; tries++) {
            int candidate = next;
            next = next >= LAST ? FIRST : next + 1;
            int host = candidate & 0xff;
            if (host == 0 || host == 255 || inUse.contains(candidate)) {
                continue;
            }
            inUse.add(candidate);
            return format(candidate);
        }
        throw Ec2Error.withStatus(500, "InsufficientFreeAddressesInSubnet", "No free loopback addresses are left");
    }

    /** Gives {@code address} back; null is ignored. */
    public synchronized void release(String address) {
        if (address != null) {
            inUse.remove(parse(address));
        }
    }

    private static String format(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    private static int parse(String address) {
        String[] parts = address.split("\\.");
        int a = 0;
        for (String part : parts) {
            a = (a << 8) | Integer.parseInt(part);
        }
        return a;
    }
}
