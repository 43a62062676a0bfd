package org.thunderproject.ec2.internal;

import com.google.common.net.InetAddresses;

/** CIDR notation checks. */
public final class Cidrs {
    private Cidrs() {}

    /** Whether {@code cidr} is an IPv4 or IPv6 address with a prefix length that fits it. */
    public static boolean isValid(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash <= 0 || slash == cidr.length() - 1) {
            return false;
        }
        String address = cidr.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            return false;
        }
        int max = address.contains(":") ? 128 : 32;
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            return prefix >= 0 && prefix <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the CIDR is IPv6. */
    public static boolean isIpv6(String cidr) {
        return cidr.contains(":");
    }
}
