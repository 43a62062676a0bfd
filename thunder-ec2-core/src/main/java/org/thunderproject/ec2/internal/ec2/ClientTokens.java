package org.thunderproject.ec2.internal.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * RunInstances idempotency tokens. A token is the launch generation (a tag on the groups) plus a
 * digest of what the call creates, so repeating the same call (a retry, or a resume that finds
 * the same things missing) repeats the token and EC2 creates nothing twice.
 */
public final class ClientTokens {
    private ClientTokens() {}

    /** A new launch generation id: 20 hex characters. */
    public static String newLaunchId() {
        byte[] bytes = new byte[10];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The token for a call described by {@code parts} in generation {@code launchId}; at most 64 characters. */
    public static String token(String launchId, Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('|');
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            String prefix = launchId.length() > 24 ? launchId.substring(0, 24) : launchId;
            return prefix + "-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
