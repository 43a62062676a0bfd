package org.thunderproject.ec2.internal.ec2;

/**
 * A machine image as EC2 describes it.
 *
 * @param imageId the AMI id
 * @param name the image name
 * @param creationDate EC2's ISO-8601 creation date (compares correctly as text)
 */
public record ImageRecord(String imageId, String name, String creationDate) {}
