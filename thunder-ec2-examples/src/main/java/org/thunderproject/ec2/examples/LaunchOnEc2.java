package org.thunderproject.ec2.examples;

import java.nio.file.Path;
import java.util.Objects;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.ThunderEc2Exception;

/**
 * Launches a cluster on real EC2 from a spec, with the default AWS credential and region chains
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} or {@code ~/.aws}, {@code AWS_REGION}).
 * It costs money: the cluster keeps running until {@code thunder-ec2 destroy NAME}.
 *
 * <p>Usage: {@code LaunchOnEc2 NAME KEY_PAIR KEY_FILE [SLAVES]}, for example
 * {@code LaunchOnEc2 demo mykey ~/mykey.pem 2}. A leading {@code ~/} in {@code KEY_FILE} is the
 * home directory (the shell does not expand it inside {@code -Dexec.args="..."}).
 */
public final class LaunchOnEc2 {

    static final String USAGE = "usage: LaunchOnEc2 NAME KEY_PAIR KEY_FILE [SLAVES]   (e.g. demo mykey ~/mykey.pem 2)";

    private LaunchOnEc2() {}

    /**
     * The spec the arguments describe; validated, touches no network.
     *
     * @param args {@code NAME KEY_PAIR KEY_FILE [SLAVES]}
     * @param home what a leading {@code ~/} of {@code KEY_FILE} stands for
     * @throws IllegalArgumentException with the usage when the arguments are wrong
     * @throws org.thunderproject.ec2.InvalidSpecException when a value breaks a spec rule
     */
    static ClusterSpec spec(String[] args, Path home) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(home, "home");
        if (args.length < 3 || args.length > 4) {
            throw new IllegalArgumentException(USAGE);
        }
        int slaves = 1;
        if (args.length == 4) {
            try {
                slaves = Integer.parseInt(args[3]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SLAVES must be a number, not '" + args[3] + "'\n" + USAGE);
            }
        }
        return ClusterSpec.builder()
                .name(args[0])
                .keyPair(args[1], keyFile(args[2], home))
                .slaves(slaves)
                .build();
    }

    private static Path keyFile(String given, Path home) {
        if (given.equals("~")) {
            return home;
        }
        return given.startsWith("~/") ? home.resolve(given.substring(2)) : Path.of(given);
    }

    /**
     * Launches the cluster and prints its master; exits with 2 on bad arguments, 1 on failure.
     *
     * @param args {@code NAME KEY_PAIR KEY_FILE [SLAVES]}
     */
    public static void main(String[] args) {
        ClusterSpec spec;
        try {
            spec = spec(args, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (ThunderEc2 thunder = ThunderEc2.create()) {
            Cluster cluster = thunder.cluster(spec).addListener(LaunchOnEc2::show);
            System.out.println("Launching '" + spec.name() + "' in " + thunder.region() + " (1 master, " + spec.slaves()
                    + " slaves, " + spec.instanceType() + ")");
            ClusterDescription launched = cluster.launch();
            for (Node node : launched.nodes()) {
                System.out.println("  " + node.role() + " " + node.instanceId() + " "
                        + node.address().orElse("-"));
            }
            System.out.println("Cluster successfully launched! It runs (and costs) until:" + " thunder-ec2 destroy "
                    + spec.name());
        } catch (ThunderEc2Exception e) {
            // The message says what to do (for a half-done launch: resume or destroy).
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void show(ClusterEvent event) {
        if (event instanceof ClusterEvent.StepStarted e) {
            System.out.println("  > " + e.step() + ": " + e.detail());
        } else if (event instanceof ClusterEvent.Waiting e) {
            System.out.println("  … " + e.reason());
        } else if (event instanceof ClusterEvent.Warning e) {
            System.out.println("  ! " + e.message());
        }
    }
}
