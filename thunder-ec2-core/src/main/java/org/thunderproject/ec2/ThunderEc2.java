package org.thunderproject.ec2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The entry point: a connection to EC2 (or an EC2-compatible endpoint) in one region, which makes
 * {@link Cluster} handles. Close it to release its clients and threads.
 *
 * <pre>{@code
 * try (ThunderEc2 thunder = ThunderEc2.create()) {
 *   Cluster cluster = thunder.cluster(spec);
 *   cluster.launch();
 * }
 * }</pre>
 */
public final class ThunderEc2 implements AutoCloseable {

  private ThunderEc2(Builder builder) {
    throw new UnsupportedOperationException("TODO(issue 2): engine");
  }

  /** Uses the default AWS credential and region provider chains. */
  public static ThunderEc2 create() {
    return builder().build();
  }

  /** A builder for a custom region, credentials, endpoint or client. */
  public static Builder builder() {
    return new Builder();
  }

  /** The region this instance talks to. */
  public String region() {
    throw new UnsupportedOperationException("TODO(issue 2)");
  }

  /** A handle on the cluster {@code spec} describes; nothing is created until an operation runs. */
  public Cluster cluster(ClusterSpec spec) {
    throw new UnsupportedOperationException("TODO(issue 2)");
  }

  /** The cluster of that name, if anything of it exists. */
  public Optional<ClusterDescription> find(String name) {
    throw new UnsupportedOperationException("TODO(issue 2)");
  }

  /** Every thunder-ec2 cluster in the region. */
  public List<ClusterDescription> list() {
    throw new UnsupportedOperationException("TODO(issue 2)");
  }

  /** Releases the EC2 client (unless it was handed in ready-made) and all threads. */
  @Override
  public void close() {}

  /** Configures a {@link ThunderEc2}. Every setting is optional. */
  public static final class Builder {
    private String region;
    private AwsCredentialsProvider credentialsProvider;
    private URI endpointOverride;
    private Ec2Client ec2Client;
    private CallerAddress callerAddress;
    private Duration pollInterval;
    private Path homeDirectory;

    private Builder() {}

    /** The region; default: the AWS default region provider chain. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The credentials; default: the AWS default credentials provider chain. */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
      return this;
    }

    /** An EC2-compatible endpoint instead of AWS (LocalStack, the local cloud, …). */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** A ready client; its owner closes it. Excludes region, credentials and endpoint settings. */
    public Builder ec2Client(Ec2Client client) {
      this.ec2Client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How the caller's public address is found for the default ingress rules. */
    public Builder callerAddress(CallerAddress callerAddress) {
      this.callerAddress = Objects.requireNonNull(callerAddress, "callerAddress");
      return this;
    }

    /** How often state is polled while waiting; default 2 seconds (AWS), less for local clouds. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /** Where thunder-ec2 keeps its own files (known hosts); default {@code ~/.thunder-ec2}. */
    public Builder homeDirectory(Path homeDirectory) {
      this.homeDirectory = Objects.requireNonNull(homeDirectory, "homeDirectory");
      return this;
    }

    /** Builds it; fails when no region can be found. */
    public ThunderEc2 build() {
      return new ThunderEc2(this);
    }
  }
}
