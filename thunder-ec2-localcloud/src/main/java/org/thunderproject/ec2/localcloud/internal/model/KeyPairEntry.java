package org.thunderproject.ec2.localcloud.internal.model;

import java.time.Instant;
import java.util.Objects;

/** A key pair as EC2 keeps it: public half only (the private key of a created pair is returned once). */
public final class KeyPairEntry implements Taggable {

    private final String id;
    private final String name;
    private final String type;
    private final String fingerprint;
    private final String publicKey;
    private final Instant createTime;
    private final long seq;
    private final Tags tags = new Tags();

    /**
     * A key pair.
     *
     * @param publicKey the public key in OpenSSH {@code authorized_keys} format
     */
    public KeyPairEntry(
            String id, String name, String type, String fingerprint, String publicKey, Instant createTime, long seq) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.createTime = Objects.requireNonNull(createTime, "createTime");
        this.seq = seq;
    }

    /** {@code key-…}. */
    public String id() {
        return id;
    }

    /** Its unique name. */
    public String name() {
        return name;
    }

    /** {@code rsa} or {@code ed25519}. */
    public String type() {
        return type;
    }

    /** The fingerprint, computed as AWS does for created or imported keys. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The public key, OpenSSH format. */
    public String publicKey() {
        return publicKey;
    }

    /** When it was created or imported. */
    public Instant createTime() {
        return createTime;
    }

    /** Creation order. */
    public long seq() {
        return seq;
    }

    @Override
    public String resourceId() {
        return id;
    }

    @Override
    public String resourceType() {
        return "key-pair";
    }

    @Override
    public Tags tags() {
        return tags;
    }
}
