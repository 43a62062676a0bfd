package org.thunderproject.ec2;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * What a cluster should be: its name, key pair, size, instance types, network and extras.
 *
 * <p>Built with {@link #builder()}; {@code build()} validates every field and throws
 * {@link InvalidSpecException} naming the field and the rule. Building a spec never touches AWS.
 *
 * <pre>{@code
 * ClusterSpec spec = ClusterSpec.builder()
 *     .name("demo")
 *     .keyPair("mykey", Path.of(home, "mykey.pem"))
 *     .slaves(2)
 *     .instanceType("m5.xlarge")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
        defaultAsDefault = true)
public abstract class ClusterSpec {

    /** Instance types a spec gets when it names none. */
    public static final String DEFAULT_INSTANCE_TYPE = "m5.large";
    /** The Spark version a spec gets when it names none. */
    public static final String DEFAULT_SPARK_VERSION = "4.0.1";
    /** The Python packages installed on every node unless the spec names others. */
    public static final List<String> DEFAULT_PYTHON_PACKAGES = List.of("thunder-python");

    /** The shortest {@link #autostop()} (tests may lower it with {@value #TEST_MINIMUM_AUTOSTOP_PROPERTY}). */
    public static final Duration MINIMUM_AUTOSTOP = Duration.ofMinutes(1);
    /** Test-only system property: an ISO-8601 duration that replaces {@link #MINIMUM_AUTOSTOP}. */
    public static final String TEST_MINIMUM_AUTOSTOP_PROPERTY = "thunder-ec2.test.minimumAutostop";

    ClusterSpec() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this spec's values. */
    public final Builder toBuilder() {
        return builder().from(this);
    }

    /**
     * The cluster's name. It names the security groups {@code NAME-master} and {@code NAME-slaves}
     * and the {@code thunder:cluster} tag, so it follows EC2's security-group and tag rules.
     */
    public abstract String name();

    /** The EC2 key pair's name; required to launch and add slaves, optional for other operations. */
    public abstract Optional<String> keyName();

    /**
     * The private key file of {@link #keyName()}; must not be readable by group or others. Required
     * for everything that uses SSH: launching and starting (both wait for SSH), running commands,
     * copying, forwarding, logging in. Optional to stop, describe or destroy.
     */
    public abstract Optional<Path> identityFile();

    /** Number of slave (worker) nodes, at least 1. */
    @Value.Default
    public int slaves() {
        return 1;
    }

    /** Instance type of the slaves (and of the master unless {@link #masterInstanceType()} is set). */
    @Value.Default
    public String instanceType() {
        return DEFAULT_INSTANCE_TYPE;
    }

    /** Instance type of the master; defaults to {@link #instanceType()}. */
    public abstract Optional<String> masterInstanceType();

    /** The region; defaults to the region of the {@link ThunderEc2} it is launched with. */
    public abstract Optional<String> region();

    /** An availability zone to pin all nodes to; else EC2 chooses (another zone is tried on capacity errors). */
    public abstract Optional<String> availabilityZone();

    /** The AMI; else the newest Amazon Linux 2023 image of the instance type's architecture. */
    public abstract Optional<String> ami();

    /** The login user on the nodes. */
    @Value.Default
    public String user() {
        return "ec2-user";
    }

    /** The nodes' SSH port. */
    @Value.Default
    public int sshPort() {
        return 22;
    }

    /**
     * CIDRs allowed to reach the cluster's SSH and web ports. Empty means the caller's own public
     * address as a /32, looked up at launch; {@code 0.0.0.0/0} is used only when given here.
     */
    public abstract List<String> authorizedCidrs();

    /** A maximum spot price in USD per hour for the slaves; the master is always on-demand. */
    public abstract Optional<BigDecimal> spotPrice();

    /** Size in GiB of each extra EBS volume per node; 0 means none. */
    @Value.Default
    public int ebsVolumeSizeGb() {
        return 0;
    }

    /** EBS volume type of the extra volumes. */
    @Value.Default
    public String ebsVolumeType() {
        return "gp3";
    }

    /** How many extra EBS volumes each node gets when {@link #ebsVolumeSizeGb()} is set (1 to 8). */
    @Value.Default
    public int ebsVolumeCount() {
        return 1;
    }

    /** The VPC to create the security groups in; else the region's default VPC. */
    public abstract Optional<String> vpcId();

    /** The subnet to launch into; requires {@link #vpcId()}. */
    public abstract Optional<String> subnetId();

    /** A cluster placement group to launch into. */
    public abstract Optional<String> placementGroup();

    /** An IAM instance profile name to attach to every node. */
    public abstract Optional<String> instanceProfileName();

    /** User data passed to every node at boot (plain text; encoded for EC2 here). */
    public abstract Optional<String> userData();

    /** Further security groups (ids {@code sg-…} or names) every node joins. */
    public abstract List<String> additionalSecurityGroups();

    /** Further tags written on every node and group, besides {@code thunder:*} and {@code Name}. */
    public abstract Map<String, String> additionalTags();

    /** What a node does when it shuts itself down. */
    @Value.Default
    public ShutdownBehavior instanceInitiatedShutdownBehavior() {
        return ShutdownBehavior.STOP;
    }

    /**
     * Stop the cluster by itself after it has been idle this long: no SSH session on any node, no
     * running Spark application (the idle Spark Connect server aside), no busy notebook kernel. At
     * least {@link #MINIMUM_AUTOSTOP}; empty (the default) for never.
     * Every node then shuts itself down, doing what {@link #autostopAction()} says (thunder-ec2 sets
     * the nodes' shutdown behaviour to match, whatever {@link #instanceInitiatedShutdownBehavior()}
     * says); see {@link Cluster#autostop(Optional, AutostopAction)} to change it on a running cluster.
     */
    public abstract Optional<Duration> autostop();

    /**
     * What the nodes do when the {@link #autostop()} comes: {@link AutostopAction#STOP} (the
     * default) or {@link AutostopAction#TERMINATE}, which needs an {@link #autostop()}.
     */
    @Value.Default
    public AutostopAction autostopAction() {
        return AutostopAction.STOP;
    }

    /** How long to wait for instances to run (and, later, answer SSH) before giving up. */
    @Value.Default
    public Duration readyTimeout() {
        return Duration.ofMinutes(15);
    }

    /** The Spark version to install; the default download source follows it. */
    @Value.Default
    public String sparkVersion() {
        return DEFAULT_SPARK_VERSION;
    }

    /**
     * Where every node downloads the Spark distribution (a {@code .tgz} laid out like Apache's):
     * an {@code http://}, {@code https://} or {@code file:} URL. Default: the Apache archive's
     * tarball of {@link #sparkVersion()}, see {@link #apacheArchiveUrl(String)}.
     */
    public abstract Optional<String> sparkDownloadUrl();

    /**
     * Cores each Spark worker offers; default: the instance type's vCPUs (known types), else all
     * the node's CPUs.
     */
    public abstract OptionalInt sparkWorkerCores();

    /**
     * Memory each Spark worker offers, like {@code 512m} or {@code 6g} (at least 512m); default: the
     * instance type's memory less 1 GiB for the system (known types), else the node's.
     */
    public abstract Optional<String> sparkWorkerMemory();

    /**
     * The port of the Spark Connect server on the master's loopback ({@code 127.0.0.1}), reached
     * through {@link Cluster#sparkConnect()}; never opened in a security group. On the local cloud
     * the nodes share this machine's loopback: give clusters side by side different ports.
     */
    @Value.Default
    public int sparkConnectPort() {
        return SparkConnect.DEFAULT_REMOTE_PORT;
    }

    /**
     * pip requirements installed into the Python environment ({@code ~/.thunder-ec2/python}) on every
     * node, best-effort: a failure is a warning, not an error. Default {@code thunder-python}; empty
     * for none (a machine without access to a package index).
     */
    @Value.Default
    public List<String> pythonPackages() {
        return DEFAULT_PYTHON_PACKAGES;
    }

    /** A package index URL for pip ({@code --index-url}); default pip's own (PyPI). */
    public abstract Optional<String> pythonPackageIndex();

    /** The user's own services, provisioned after the built-in ones (Java, Spark, Thunder, Jupyter), in order. */
    public abstract List<Service> services();

    /** The Spark download source, after defaults. */
    public final String effectiveSparkDownloadUrl() {
        return sparkDownloadUrl().orElseGet(() -> apacheArchiveUrl(sparkVersion()));
    }

    /** The Apache archive's Spark tarball (Hadoop 3 build) of {@code version}. */
    public static String apacheArchiveUrl(String version) {
        return "https://archive.apache.org/dist/spark/spark-" + version + "/spark-" + version + "-bin-hadoop3.tgz";
    }

    /** The master's instance type, after defaults. */
    public final String effectiveMasterInstanceType() {
        return masterInstanceType().orElse(instanceType());
    }

    @Value.Check
    final void check() {
        SpecRules.check(this);
    }

    /** What a node does when its operating system shuts it down. */
    public enum ShutdownBehavior {
        /** The instance stops and can be started again. */
        STOP,
        /** The instance terminates. */
        TERMINATE
    }

    /** Builds a {@link ClusterSpec}; {@code build()} validates and throws {@link InvalidSpecException}. */
    public static final class Builder extends ImmutableClusterSpec.Builder {
        Builder() {}

        /** Sets the key pair's name and its private key file together. */
        public Builder keyPair(String keyName, Path identityFile) {
            return keyName(keyName).identityFile(identityFile);
        }

        /** Builds and validates the spec. */
        @Override
        public ClusterSpec build() {
            try {
                return super.build();
            } catch (IllegalStateException e) {
                // Immutables reports unset mandatory attributes this way; only the name is mandatory.
                throw new InvalidSpecException("name", "a cluster needs a name");
            }
        }
    }
}
