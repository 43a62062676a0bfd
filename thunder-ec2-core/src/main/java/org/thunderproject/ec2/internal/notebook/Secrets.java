package org.thunderproject.ec2.internal.notebook;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random notebook passwords and tokens. */
final class Secrets {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 20;
    private static final int TOKEN_BYTES = 24;

    private Secrets() {}

    /** 20 characters without look-alikes: about 116 bits. */
    static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** 48 hex digits: 192 bits, like Jupyter's own tokens. */
    static String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
