package org.thunderproject.ec2.internal.services;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.Node;

/** The URLs of the services on a cluster's master. */
public final class SparkUrls {
    private SparkUrls() {}

    /** {@code spark://PRIVATE:7077}: the address the master binds to and the workers use. */
    public static String masterUrl(Node master) {
        return "spark://" + privateAddress(master) + ":" + SparkService.MASTER_PORT;
    }

    /** {@code http://ADDRESS:8080/}, at {@link #reachableAddress(Node)}. */
    public static URI webUiUrl(Node master) {
        return URI.create("http://" + reachableAddress(master) + ":" + SparkService.MASTER_UI_PORT + "/");
    }

    /**
     * The address a user's browser reaches a daemon bound to {@code node}'s private address at: its
     * public address, which EC2 translates to the private one; but the private one when the node
     * has no public address, or when the public one is a loopback address (the local cloud, where
     * no translation happens and every address is local anyway).
     */
    public static String reachableAddress(Node node) {
        Optional<String> publicIp = node.publicIp().filter(ip -> !isLoopback(ip));
        return publicIp.orElseGet(() -> privateAddress(node));
    }

    private static String privateAddress(Node node) {
        return node.privateIp()
                .orElseThrow(() -> new ClusterStateException("node " + node.instanceId() + " is "
                        + node.state().ec2Name() + " and has no private address: start() the cluster first"));
    }

    private static boolean isLoopback(String ip) {
        if (!InetAddresses.isInetAddress(ip)) {
            return false;
        }
        InetAddress address = InetAddresses.forString(ip);
        return address.isLoopbackAddress();
    }
}
