package org.thunderproject.ec2.ssh;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.thunderproject.ec2.ssh.internal.KeyCodec;

/**
 * The host-key fingerprints a host is expected to present, used to pin the key on first contact
 * instead of trusting it blindly. Usually parsed from an EC2 instance's console output, where
 * cloud-init prints
 *
 * <pre>
 * -----BEGIN SSH HOST KEY FINGERPRINTS-----
 * 256 SHA256:Xq3c… root@ip-172-31-5-9 (ECDSA)
 * 256 SHA256:7bN1… root@ip-172-31-5-9 (ED25519)
 * 3072 SHA256:f0aK… root@ip-172-31-5-9 (RSA)
 * -----END SSH HOST KEY FINGERPRINTS-----
 * </pre>
 *
 * (each line possibly prefixed, e.g. with {@code ec2: }), and often also a
 * {@code BEGIN SSH HOST KEY KEYS} block with the public keys themselves; both are read.
 */
public final class HostKeyFingerprints {
    private static final HostKeyFingerprints NONE = new HostKeyFingerprints(List.of());

    private static final String FINGERPRINTS_BEGIN = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
    private static final String FINGERPRINTS_END = "-----END SSH HOST KEY FINGERPRINTS-----";
    private static final String KEYS_BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
    private static final String KEYS_END = "-----END SSH HOST KEY KEYS-----";

    // "256 SHA256:abc… comment (ED25519)" anywhere in the line (console lines carry prefixes).
    private static final Pattern FINGERPRINT_LINE =
            Pattern.compile("(?:^|\\s)\\d+\\s+((?:SHA256|MD5):\\S+|[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){15})"
                    + "(?:\\s+.*?)?\\s*\\(([A-Za-z0-9-]+)\\)\\s*$");
    // "ssh-ed25519 AAAA… comment"
    private static final Pattern KEY_LINE =
            Pattern.compile("(?:^|\\s)((?:ssh|ecdsa)-[A-Za-z0-9@.-]+)\\s+(AAAA[A-Za-z0-9+/]+={0,2})");

    private final List<HostKeyFingerprint> fingerprints;

    private HostKeyFingerprints(List<HostKeyFingerprint> fingerprints) {
        this.fingerprints = List.copyOf(new LinkedHashSet<>(fingerprints));
    }

    /** No expectation: the key is trusted on first use and recorded. */
    public static HostKeyFingerprints none() {
        return NONE;
    }

    /** These fingerprints ({@code SHA256:…} or {@code MD5:…}). */
    public static HostKeyFingerprints of(String... fingerprints) {
        return of(Arrays.stream(fingerprints).map(HostKeyFingerprint::parse).collect(Collectors.toList()));
    }

    /** These fingerprints. */
    public static HostKeyFingerprints of(Collection<HostKeyFingerprint> fingerprints) {
        Objects.requireNonNull(fingerprints, "fingerprints");
        return fingerprints.isEmpty() ? NONE : new HostKeyFingerprints(new ArrayList<>(fingerprints));
    }

    /**
     * The fingerprints in the last {@code SSH HOST KEY FINGERPRINTS} block of an
     * instance's console output, plus those of the keys in the last
     * {@code SSH HOST KEY KEYS} block; {@link #none()} when there is neither. A last block that is
     * not finished yet (the console is still being written) is ignored rather than half-trusted.
     */
    public static HostKeyFingerprints fromConsoleOutput(String consoleOutput) {
        Objects.requireNonNull(consoleOutput, "consoleOutput");
        List<HostKeyFingerprint> found = new ArrayList<>();
        lastBlock(consoleOutput, FINGERPRINTS_BEGIN, FINGERPRINTS_END).ifPresent(block -> {
            for (String line : block.split("\\R")) {
                Matcher m = FINGERPRINT_LINE.matcher(line);
                if (m.find()) {
                    found.add(HostKeyFingerprint.parse(m.group(1), m.group(2)));
                }
            }
        });
        lastBlock(consoleOutput, KEYS_BEGIN, KEYS_END).ifPresent(block -> {
            for (String line : block.split("\\R")) {
                Matcher m = KEY_LINE.matcher(line);
                if (m.find()) {
                    KeyCodec.decodeQuietly(m.group(1), m.group(2))
                            .ifPresent(key -> found.add(HostKeyFingerprint.of(key)));
                }
            }
        });
        return of(found);
    }

    /** Whether there are none (trust on first use). */
    public boolean isEmpty() {
        return fingerprints.isEmpty();
    }

    /** The fingerprints, without duplicates, in the order found. */
    public List<HostKeyFingerprint> fingerprints() {
        return fingerprints;
    }

    /** Whether {@code key} has one of these fingerprints. */
    public boolean matches(PublicKey key) {
        return fingerprints.stream().anyMatch(f -> f.matches(key));
    }

    /** The fingerprints, comma-separated. */
    @Override
    public String toString() {
        return fingerprints.stream().map(HostKeyFingerprint::toString).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostKeyFingerprints && fingerprints.equals(((HostKeyFingerprints) o).fingerprints);
    }

    @Override
    public int hashCode() {
        return fingerprints.hashCode();
    }

    private static Optional<String> lastBlock(String text, String begin, String end) {
        int start = text.lastIndexOf(begin);
        if (start < 0) {
            return Optional.empty();
        }
        int stop = text.indexOf(end, start);
        return stop < 0 ? Optional.empty() : Optional.of(text.substring(start + begin.length(), stop));
    }
}
