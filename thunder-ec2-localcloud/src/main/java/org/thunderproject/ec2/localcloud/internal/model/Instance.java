package org.thunderproject.ec2.localcloud.internal.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One instance: what it was launched with, and its mutable life (state, addresses, launch time).
 * Mutable parts are guarded by the cloud lock. {@link #epoch()} changes on every state change,
 * so a scheduled transition can tell whether it is still due.
 */
public final class Instance implements Taggable {

    private final String id;
    private final String reservationId;
    private final String ownerId;
    private final String region;
    private final long seq;
    private final int launchIndex;
    private final LaunchConfig config;
    private final List<BlockDevice> blockDevices;
    private final String privateAddress;
    private final Path directory;
    private final Tags tags = new Tags();

    private InstanceState state = InstanceState.PENDING;
    private Instant launchTime;
    private String publicAddress;
    private String reason = "";
    private String stateReasonCode;
    private String stateReasonMessage;
    private int epoch;
    private boolean stuckPending;
    private boolean everStarted;
    private boolean addressesReleased;
    private String shutdownBehavior;

    /** A new pending instance. */
    public Instance(
            String id,
            String reservationId,
            String ownerId,
            String region,
            long seq,
            int launchIndex,
            LaunchConfig config,
            List<BlockDevice> blockDevices,
            String privateAddress,
            String publicAddress,
            Instant launchTime,
            Path directory) {
        this.id = Objects.requireNonNull(id, "id");
        this.reservationId = Objects.requireNonNull(reservationId, "reservationId");
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        this.region = Objects.requireNonNull(region, "region");
        this.seq = seq;
        this.launchIndex = launchIndex;
        this.config = Objects.requireNonNull(config, "config");
        this.blockDevices = List.copyOf(blockDevices);
        this.privateAddress = Objects.requireNonNull(privateAddress, "privateAddress");
        this.publicAddress = publicAddress;
        this.launchTime = Objects.requireNonNull(launchTime, "launchTime");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.shutdownBehavior = config.shutdownBehavior();
    }

    /** What a shutdown from inside the instance does: {@code stop} or {@code terminate}. */
    public String shutdownBehavior() {
        return shutdownBehavior;
    }

    /** Sets the instance-initiated shutdown behaviour (ModifyInstanceAttribute). */
    public void shutdownBehavior(String behavior) {
        this.shutdownBehavior = Objects.requireNonNull(behavior, "behavior");
    }

    /** {@code i-…}. */
    public String id() {
        return id;
    }

    /** {@code r-…}. */
    public String reservationId() {
        return reservationId;
    }

    /** The owning account. */
    public String ownerId() {
        return ownerId;
    }

    /** Its region. */
    public String region() {
        return region;
    }

    /** Launch order (stable paging). */
    public long seq() {
        return seq;
    }

    /** Index within its reservation. */
    public int launchIndex() {
        return launchIndex;
    }

    /** What it was launched with. */
    public LaunchConfig config() {
        return config;
    }

    /** Its EBS volumes. */
    public List<BlockDevice> blockDevices() {
        return blockDevices;
    }

    /** The instance's own directory (its file system, for the runtime). */
    public Path directory() {
        return directory;
    }

    /** Its state. */
    public InstanceState state() {
        return state;
    }

    /** Launch time (updated on every start). */
    public Instant launchTime() {
        return launchTime;
    }

    /** The private address (kept for life), null once terminated. */
    public String privateAddress() {
        return addressesReleased ? null : privateAddress;
    }

    /** The current public address, null while stopping/stopped or without one. */
    public String publicAddress() {
        return publicAddress;
    }

    /** The state transition reason ({@code reason} element). */
    public String reason() {
        return reason;
    }

    /** The state reason code, or null. */
    public String stateReasonCode() {
        return stateReasonCode;
    }

    /** The state reason message, or null. */
    public String stateReasonMessage() {
        return stateReasonMessage;
    }

    /** Changes on every state change. */
    public int epoch() {
        return epoch;
    }

    /** Whether a fault keeps it pending forever. */
    public boolean stuckPending() {
        return stuckPending;
    }

    /** Marks it as never leaving pending. */
    public void markStuckPending() {
        stuckPending = true;
    }

    /** Whether the runtime was ever told it started (so it has something to terminate). */
    public boolean everStarted() {
        return everStarted;
    }

    /** Whether it is a spot instance. */
    public boolean isSpot() {
        return config.spot() != null;
    }

    /** Moves to {@code next}. */
    public void transition(InstanceState next) {
        state = Objects.requireNonNull(next, "next");
        epoch++;
        if (next == InstanceState.RUNNING) {
            everStarted = true;
        }
    }

    /** Sets the reasons shown while stopped or terminated (null clears them). */
    public void reasons(String reason, String code, String message) {
        this.reason = reason == null ? "" : reason;
        this.stateReasonCode = code;
        this.stateReasonMessage = message;
    }

    /** Sets the launch time (start). */
    public void launchTime(Instant launchTime) {
        this.launchTime = Objects.requireNonNull(launchTime, "launchTime");
    }

    /** Sets or clears the public address; returns the previous one. */
    public String publicAddress(String address) {
        String previous = publicAddress;
        publicAddress = address;
        return previous;
    }

    /** Drops the private address for good (terminated); returns it. */
    public String releasePrivateAddress() {
        addressesReleased = true;
        return privateAddress;
    }

    /** The private address even after release, for the runtime. */
    public String originalPrivateAddress() {
        return privateAddress;
    }

    /** Public DNS name for the current public address, or empty. */
    public String publicDnsName() {
        if (publicAddress == null) {
            return "";
        }
        String dashed = publicAddress.replace('.', '-');
        return region.equals("us-east-1")
                ? "ec2-" + dashed + ".compute-1.amazonaws.com"
                : "ec2-" + dashed + "." + region + ".compute.amazonaws.com";
    }

    /** Private DNS name, or empty once terminated. */
    public String privateDnsName() {
        String address = privateAddress();
        if (address == null) {
            return "";
        }
        String dashed = address.replace('.', '-');
        return region.equals("us-east-1")
                ? "ip-" + dashed + ".ec2.internal"
                : "ip-" + dashed + "." + region + ".compute.internal";
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "instance";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
