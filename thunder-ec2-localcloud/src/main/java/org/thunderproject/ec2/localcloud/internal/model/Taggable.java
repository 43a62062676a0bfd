package org.thunderproject.ec2.localcloud.internal.model;

/** A resource that carries tags (CreateTags, DeleteTags, DescribeTags, tag filters). */
public interface Taggable {

    /** The resource id ({@code i-…}, {@code sg-…}, …). */
    String resourceId();

    /** The resource type as DescribeTags reports it ({@code instance}, {@code security-group}, …). */
    String resourceType();

    /** Its tags (mutable, guarded by the cloud lock). */
    Tags tags();
}
