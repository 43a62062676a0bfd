package org.thunderproject.ec2.localcloud.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.thunderproject.ec2.localcloud.ApiRateLimits;
import org.thunderproject.ec2.localcloud.internal.model.Timings;

/**
 * The settings of a local cloud, checked as they are set: what {@code LocalCloud.Builder}
 * delegates to, so that the public builder holds only its documented methods.
 */
public final class LocalCloudSettings {
    private int port;
    private String region = "us-east-1";
    private Duration pendingTime = Duration.ofMillis(250);
    private Duration stoppingTime = Duration.ofMillis(200);
    private Duration shuttingDownTime = Duration.ofMillis(200);
    private Duration terminatedRetention = Duration.ofSeconds(60);
    private int sshPort = 2222;
    private Path dataDirectory;
    private boolean ssh = true;
    private Duration sshBootDelay = Duration.ofSeconds(1);
    private InstanceRuntime runtime;
    private Path sparkRuntime;
    private ApiRateLimits apiRateLimits = ApiRateLimits.NONE;
    private Duration pendingSpread = Duration.ZERO;
    private Duration sshBootSpread = Duration.ZERO;
    private long seed;

    /** Settings with the defaults. */
    public LocalCloudSettings() {}

    public void apiRateLimits(ApiRateLimits limits) {
        this.apiRateLimits = Objects.requireNonNull(limits, "limits");
    }

    public void pendingSpread(Duration spread) {
        this.pendingSpread = nonNegative(spread, "pendingSpread");
    }

    public void sshBootSpread(Duration spread) {
        this.sshBootSpread = nonNegative(spread, "sshBootSpread");
    }

    public void seed(long seed) {
        this.seed = seed;
    }

    public void port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0-65535: " + port);
        }
        this.port = port;
    }

    public void region(String region) {
        Objects.requireNonNull(region, "region");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("not a region name like us-east-1: " + region);
        }
        this.region = region;
    }

    public void pendingTime(Duration pendingTime) {
        this.pendingTime = nonNegative(pendingTime, "pendingTime");
    }

    public void stoppingTime(Duration stoppingTime) {
        this.stoppingTime = nonNegative(stoppingTime, "stoppingTime");
    }

    public void shuttingDownTime(Duration shuttingDownTime) {
        this.shuttingDownTime = nonNegative(shuttingDownTime, "shuttingDownTime");
    }

    public void terminatedRetention(Duration terminatedRetention) {
        this.terminatedRetention = nonNegative(terminatedRetention, "terminatedRetention");
    }

    public void sshPort(int sshPort) {
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort must be within 1-65535: " + sshPort);
        }
        this.sshPort = sshPort;
    }

    public void sparkRuntime(Path tarball) {
        Objects.requireNonNull(tarball, "tarball");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalArgumentException("no Spark runtime tarball at " + tarball
                    + " (mvn package builds thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz)");
        }
        this.sparkRuntime = tarball.toAbsolutePath();
    }

    public void dataDirectory(Path dataDirectory) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    public void sshBootDelay(Duration sshBootDelay) {
        this.sshBootDelay = nonNegative(sshBootDelay, "sshBootDelay");
    }

    public void withoutSsh() {
        this.ssh = false;
    }

    public void instanceRuntime(InstanceRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    public int port() {
        return port;
    }

    public String region() {
        return region;
    }

    /** The lifecycle timings these settings ask for. */
    public Timings timings() {
        return new Timings(pendingTime, stoppingTime, shuttingDownTime, terminatedRetention);
    }

    public int sshPort() {
        return sshPort;
    }

    /** The data directory given, or null for a temporary one. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean ssh() {
        return ssh;
    }

    public Duration sshBootDelay() {
        return sshBootDelay;
    }

    /** The runtime given for tests, or null for the default one. */
    public InstanceRuntime runtime() {
        return runtime;
    }

    /** The Spark runtime tarball to serve, or null for none. */
    public Path sparkRuntime() {
        return sparkRuntime;
    }

    public ApiRateLimits apiRateLimits() {
        return apiRateLimits;
    }

    public Duration pendingSpread() {
        return pendingSpread;
    }

    public Duration sshBootSpread() {
        return sshBootSpread;
    }

    public long seed() {
        return seed;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
