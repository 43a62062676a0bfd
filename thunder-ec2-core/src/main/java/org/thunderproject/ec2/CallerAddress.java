package org.thunderproject.ec2;

import java.net.InetAddress;

/**
 * Finds the caller's public address, which the security groups admit by default (as a /32 or
 * /128). Replace it to pin an address, or where the default lookup cannot work.
 */
@FunctionalInterface
public interface CallerAddress {

    /** The caller's public address. */
    InetAddress resolve();

    /** Always {@code address} (an IP literal, no DNS lookup). */
    static CallerAddress fixed(String address) {
        InetAddress parsed = com.google.common.net.InetAddresses.forString(address);
        return () -> parsed;
    }
}
