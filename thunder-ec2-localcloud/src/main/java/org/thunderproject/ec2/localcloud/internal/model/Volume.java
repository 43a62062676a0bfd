package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Instant;
import java.util.Objects;

/** An EBS volume, created with its instance from the block device mappings. */
public final class Volume implements Taggable {

    private final String id;
    private final int size;
    private final String type;
    private final String zone;
    private final Instant createTime;
    private final boolean encrypted;
    private final long seq;
    private final Tags tags = new Tags();
    private String instanceId;
    private String device;
    private boolean deleteOnTermination;

    /** A volume attached to {@code instanceId} at {@code device}. */
    public Volume(
            String id,
            int size,
            String type,
            String zone,
            Instant createTime,
            boolean encrypted,
            String instanceId,
            String device,
            boolean deleteOnTermination,
            long seq) {
        this.id = Objects.requireNonNull(id, "id");
        this.size = size;
        this.type = Objects.requireNonNull(type, "type");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.createTime = Objects.requireNonNull(createTime, "createTime");
        this.encrypted = encrypted;
        this.instanceId = instanceId;
        this.device = device;
        this.deleteOnTermination = deleteOnTermination;
        this.seq = seq;
    }

    /** {@code vol-…}. */
    public String id() {
        return id;
    }

    /** Size in GiB. */
    public int size() {
        return size;
    }

    /** {@code gp3}, {@code gp2}, {@code io1}, … */
    public String type() {
        return type;
    }

    /** Its zone. */
    public String zone() {
        return zone;
    }

    /** When it was created. */
    public Instant createTime() {
        return createTime;
    }

    /** Whether it is encrypted. */
    public boolean encrypted() {
        return encrypted;
    }

    /** The instance it is attached to, or null. */
    public String instanceId() {
        return instanceId;
    }

    /** Its device name on the instance, or null. */
    public String device() {
        return device;
    }

    /** Whether it goes with its instance. */
    public boolean deleteOnTermination() {
        return deleteOnTermination;
    }

    /** Creation order. */
    public long seq() {
        return seq;
    }

    /** {@code in-use} while attached, else {@code available}. */
    public String state() {
        return instanceId == null ? "available" : "in-use";
    }

    /** Detaches it (its instance terminated and it outlives it). */
    public void detach() {
        instanceId = null;
        device = null;
        deleteOnTermination = false;
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "volume";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
