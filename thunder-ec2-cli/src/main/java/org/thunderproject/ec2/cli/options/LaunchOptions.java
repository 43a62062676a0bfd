package org.thunderproject.ec2.cli.options;

import java.math.BigDecimal;
import java.util.List;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import picocli.CommandLine.Option;

/**
 * spark-ec2's launch options, accepted before the subcommand ({@code -s 2 launch NAME}, as the
 * seed types it) and after it, as an argument group: null when none is given on that side, and a
 * field is null when that option is not given;
 * defaults come from the config file, then from {@link org.thunderproject.ec2.ClusterSpec}.
 */
public final class LaunchOptions {

    public static final String HEADING = "%nLaunch options (spark-ec2's):%n";

    @Option(
            names = {"-s", "--slaves"},
            paramLabel = "N",
            description = "Number of slave nodes (default: 1).")
    Integer slaves;

    @Option(
            names = {"-t", "--instance-type"},
            paramLabel = "TYPE",
            description = "Instance type of the slaves, and of the master unless -m is given (default: m5.large).")
    String instanceType;

    @Option(
            names = {"-m", "--master-instance-type"},
            paramLabel = "TYPE",
            description = "Instance type of the master (default: the slaves' type).")
    String masterInstanceType;

    @Option(
            names = {"-z", "--zone"},
            paramLabel = "ZONE",
            description = "Availability zone for every node; 'all' or none lets EC2 choose and spread.")
    String zone;

    @Option(
            names = {"-a", "--ami"},
            paramLabel = "AMI",
            description = "AMI id (default: the newest Amazon Linux 2023 image for the instance type).")
    String ami;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER",
            description = "Login user on the nodes (default: ec2-user).")
    String user;

    @Option(names = "--ssh-port", paramLabel = "PORT", description = "SSH port of the nodes (default: 22).")
    Integer sshPort;

    @Option(
            names = "--spot-price",
            paramLabel = "PRICE",
            description = "Launch the slaves as spot instances with this maximum price in USD per hour.")
    BigDecimal spotPrice;

    @Option(
            names = "--ebs-vol-size",
            paramLabel = "GiB",
            description = "Size of each extra EBS volume per node (default: 0, none).")
    Integer ebsVolumeSize;

    @Option(
            names = "--ebs-vol-type",
            paramLabel = "TYPE",
            description = "Type of the extra EBS volumes: standard, gp2, gp3, io1, io2, st1, sc1 (default: gp3).")
    String ebsVolumeType;

    @Option(
            names = "--ebs-vol-num",
            paramLabel = "N",
            description = "Number of extra EBS volumes per node, 1 to 8 (default: 1).")
    Integer ebsVolumeCount;

    @Option(names = "--placement-group", paramLabel = "GROUP", description = "Cluster placement group to launch into.")
    String placementGroup;

    @Option(
            names = "--vpc-id",
            paramLabel = "VPC",
            description = "VPC for the security groups (default: the default VPC).")
    String vpcId;

    @Option(names = "--subnet-id", paramLabel = "SUBNET", description = "Subnet to launch into (needs --vpc-id).")
    String subnetId;

    @Option(
            names = "--user-data",
            paramLabel = "FILE",
            description = "File whose contents every node gets as user data at boot.")
    String userDataFile;

    @Option(
            names = "--instance-profile-name",
            paramLabel = "PROFILE",
            description = "IAM instance profile for every node.")
    String instanceProfileName;

    @Option(
            names = "--additional-tags",
            paramLabel = "KEY:VALUE[,KEY:VALUE...]",
            description = "Extra tags for the nodes and groups, like owner:me,project:x.")
    List<String> additionalTags;

    @Option(
            names = "--additional-security-group",
            paramLabel = "GROUP",
            split = ",",
            description = "Further security group (id or name) every node joins; repeatable.")
    List<String> additionalSecurityGroups;

    @Option(
            names = "--authorized-address",
            paramLabel = "CIDR",
            split = ",",
            description =
                    "Addresses allowed to reach SSH and the web UIs (default: your own public address as a /32; never 0.0.0.0/0 unless given).")
    List<String> authorizedAddresses;

    @Option(
            names = "--spark-version",
            paramLabel = "VERSION",
            description = "Spark version to install (default: "
                    + org.thunderproject.ec2.ClusterSpec.DEFAULT_SPARK_VERSION + "); the default download follows it.")
    String sparkVersion;

    @Option(
            names = "--spark-url",
            paramLabel = "URL",
            description = "Where the nodes download the Spark .tgz: http(s):// or file: (default: the Apache archive's"
                    + " tarball of --spark-version; with --local, the runtime the local cloud serves).")
    String sparkUrl;

    @Option(
            names = "--spark-worker-cores",
            paramLabel = "N",
            description = "Cores each Spark worker offers (default: the instance type's vCPUs).")
    Integer sparkWorkerCores;

    @Option(
            names = "--spark-worker-memory",
            paramLabel = "SIZE",
            description = "Memory each Spark worker offers, like 512m or 6g (default: the instance type's memory less"
                    + " 1 GiB; with --local, 512m).")
    String sparkWorkerMemory;

    @Option(
            names = "--spark-connect-port",
            paramLabel = "PORT",
            description = "The Spark Connect server's port on the master's loopback (default: 15002; clusters side by"
                    + " side on the local cloud need different ones).")
    Integer sparkConnectPort;

    @Option(
            names = "--python-packages",
            paramLabel = "REQ[,REQ...]",
            split = ",",
            description = "pip requirements for the nodes' Python environment (default: thunder-python; 'none' for"
                    + " none, the default with --local).")
    List<String> pythonPackages;

    @Option(
            names = "--python-package-index",
            paramLabel = "URL",
            description = "Package index for pip (default: PyPI).")
    String pythonPackageIndex;

    @Option(
            names = "--instance-initiated-shutdown-behavior",
            paramLabel = "stop|terminate",
            description = "What a node does when it shuts itself down (default: stop).")
    ShutdownBehavior shutdownBehavior;
}
