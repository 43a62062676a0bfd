package org.thunderproject.ec2.internal.ec2;

/**
 * A key pair as EC2 describes it.
 *
 * @param name its name
 * @param fingerprint EC2's fingerprint (which rule made it depends on how the key was made)
 * @param keyType {@code rsa} or {@code ed25519}; empty when EC2 does not say
 */
public record KeyPairRecord(String name, String fingerprint, String keyType) {}
