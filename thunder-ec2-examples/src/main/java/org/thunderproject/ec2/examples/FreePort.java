package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port free on this machine's loopback now, for a server on the local cloud's shared 127.0.0.1. */
public final class FreePort {
    private FreePort() {}

    /** A port nothing listens on at 127.0.0.1 at the moment (another program may take it later). */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
