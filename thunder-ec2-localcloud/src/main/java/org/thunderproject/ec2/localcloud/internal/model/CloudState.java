package org.thunderproject.ec2.localcloud.internal.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.thunderproject.ec2.localcloud.internal.InstanceRuntime;

/**
 * The whole in-memory cloud: its regions, id and address pools, timings, faults and the
 * lifecycle threads. Model state is guarded by {@link #lock()}; actions hold it while they run.
 */
public final class CloudState implements AutoCloseable {

    /** The account that owns everything made through the API. */
    public static final String ACCOUNT_ID = "123456789012";

    /** Regions every local cloud serves (the configured default region is added when missing). */
    public static final List<String> STANDARD_REGIONS = List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "eu-west-1",
            "eu-central-1",
            "ap-southeast-1",
            "ap-northeast-1");

    private final Object lock = new Object();
    private final Ids ids = new Ids();
    private final AddressPool addresses = new AddressPool();
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Region> regions;
    private final String defaultRegion;
    private final Timings timings;
    private final FaultState faults;
    private final Path dataDirectory;
    private final int sshPort;
    private final Lifecycle lifecycle;
    private final BootTimes bootTimes = new BootTimes();
    private volatile BootSpread pendingSpread = BootSpread.none();

    /** A cloud with the standard regions plus {@code defaultRegion}. */
    public CloudState(
            String defaultRegion,
            Timings timings,
            FaultState faults,
            Path dataDirectory,
            int sshPort,
            InstanceRuntime runtime) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.sshPort = sshPort;
        List<String> names = new ArrayList<>(STANDARD_REGIONS);
        if (!names.contains(defaultRegion)) {
            names.add(0, defaultRegion);
        }
        Map<String, Region> r = new LinkedHashMap<>();
        for (String name : names) {
            r.put(name, new Region(name, ids, ACCOUNT_ID, nextSeq()));
        }
        this.regions = Collections.unmodifiableMap(r);
        this.lifecycle = new Lifecycle(this, runtime);
    }

    /** The lock that guards all model state. */
    public Object lock() {
        return lock;
    }

    /** The region {@code name}; an error naming the served regions when unknown. */
    public Region region(String name) {
        Region region = regions.get(name);
        if (region == null) {
            throw Ec2Error.of(
                    "AuthFailure",
                    "The region '" + name + "' is not served by this local cloud; " + "regions: "
                            + String.join(", ", regions.keySet()));
        }
        return region;
    }

    /** All regions, default first. */
    public Map<String, Region> regions() {
        return regions;
    }

    /** The region for requests that name none. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** Resource ids. */
    public Ids ids() {
        return ids;
    }

    /** Loopback addresses for instances. */
    public AddressPool addresses() {
        return addresses;
    }

    /** The next creation sequence number (stable ordering and paging). */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /** Transition times. */
    public Timings timings() {
        return timings;
    }

    /** When each instance was requested and answered SSH. */
    public BootTimes bootTimes() {
        return bootTimes;
    }

    /** How each instance's pending time varies around {@link Timings#pending()}. */
    public BootSpread pendingSpread() {
        return pendingSpread;
    }

    /** Sets how pending times vary from now on. */
    public void pendingSpread(BootSpread spread) {
        this.pendingSpread = Objects.requireNonNull(spread, "spread");
    }

    /** Faults in force. */
    public FaultState faults() {
        return faults;
    }

    /** The instance lifecycle. */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Where instance directories live ({@code instances/ID}). */
    public Path instanceDirectory(String instanceId) {
        return dataDirectory.resolve("instances").resolve(instanceId);
    }

    /** The SSH port of every instance. */
    public int sshPort() {
        return sshPort;
    }

    /** The current time. */
    public Instant now() {
        return Instant.now();
    }

    /** Stops the lifecycle threads. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
