package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Objects;

/**
 * A public machine image.
 *
 * @param id the AMI id (stable per region and name)
 * @param name the image name
 * @param description its description
 * @param architecture {@code x86_64} or {@code arm64}
 * @param ownerId the owning account
 * @param ownerAlias {@code amazon} for Amazon's images, else null
 * @param creationDate ISO-8601 creation date
 * @param loginUser the user its default configuration admits with the key pair
 */
public record Image(
        String id,
        String name,
        String description,
        String architecture,
        String ownerId,
        String ownerAlias,
        String creationDate,
        String loginUser) {

    /** Checks the parts. */
    public Image {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(loginUser, "loginUser");
    }

    /** Always {@code available}: the catalog holds no other kind. */
    public String state() {
        return "available";
    }

    /** The root device of the image. */
    public String rootDeviceName() {
        return "/dev/xvda";
    }
}
