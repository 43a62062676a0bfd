package org.thunderproject.ec2.ssh;

import java.security.PublicKey;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.thunderproject.ec2.ssh.internal.KeyCodec;

/**
 * The fingerprint of an SSH host key as OpenSSH prints it: {@code SHA256:base64} (current) or
 * {@code MD5:hex:pairs} (old), optionally with the key type it belongs to ({@code ED25519},
 * {@code ECDSA}, {@code RSA}).
 */
public final class HostKeyFingerprint {
    private final String hash;
    private final String value;
    private final String keyType;

    private HostKeyFingerprint(String hash, String value, String keyType) {
        this.hash = hash;
        this.value = value;
        this.keyType = keyType;
    }

    /**
     * Parses {@code SHA256:…}, {@code MD5:aa:bb:…} or a bare MD5 {@code aa:bb:…}; other hashes are
     * rejected because they cannot be checked.
     */
    public static HostKeyFingerprint parse(String fingerprint) {
        return parse(fingerprint, null);
    }

    /** Like {@link #parse(String)}, for a key of the given type (e.g. {@code ED25519}; may be null). */
    public static HostKeyFingerprint parse(String fingerprint, String keyType) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String f = fingerprint.trim();
        String type = keyType == null || keyType.isBlank() ? null : keyType.toUpperCase(Locale.ROOT);
        if (f.startsWith("SHA256:") && f.length() > 7) {
            return new HostKeyFingerprint("SHA256", stripPadding(f.substring(7)), type);
        }
        String md5 = f.startsWith("MD5:") ? f.substring(4) : f;
        if (md5.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){15}")) {
            return new HostKeyFingerprint("MD5", md5.toLowerCase(Locale.ROOT), type);
        }
        throw new IllegalArgumentException("not a SHA256 or MD5 host key fingerprint: '" + fingerprint + "'");
    }

    /** The SHA256 fingerprint of {@code key}. */
    public static HostKeyFingerprint of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        return new HostKeyFingerprint(
                "SHA256", stripPadding(KeyCodec.sha256(key)), KeyCodec.label(KeyCodec.keyType(key)));
    }

    /** {@code SHA256} or {@code MD5}. */
    public String hash() {
        return hash;
    }

    /** The digest as printed after the colon (base64 without padding, or hex pairs). */
    public String value() {
        return value;
    }

    /** The key type it was printed with ({@code ED25519}, {@code ECDSA}, {@code RSA}), if known. */
    public Optional<String> keyType() {
        return Optional.ofNullable(keyType);
    }

    /** Whether {@code key} has this fingerprint. */
    public boolean matches(PublicKey key) {
        Objects.requireNonNull(key, "key");
        return hash.equals("SHA256")
                ? value.equals(stripPadding(KeyCodec.sha256(key)))
                : value.equals(KeyCodec.md5(key));
    }

    /** {@code SHA256:…} or {@code MD5:…}, as OpenSSH prints it. */
    @Override
    public String toString() {
        return hash + ":" + value;
    }

    /** Equal when hash and digest are (the key type label is informative only). */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostKeyFingerprint
                && hash.equals(((HostKeyFingerprint) o).hash)
                && value.equals(((HostKeyFingerprint) o).value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, value);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }
}
