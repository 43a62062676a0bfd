package org.thunderproject.ec2.ssh.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a known-hosts file, parsed once: its lines as they are (so rewrites keep
 * comments, markers and lines we cannot read), the keys by host name, and the lines that could
 * not be read. Immutable.
 */
final class KnownHostsText {
    /** A line that cannot be read: its number, the host names it starts with (if any), and why. */
    record Unreadable(int line, List<String> hosts, String reason) {}

    static final KnownHostsText EMPTY = parse(List.of());

    private final List<String> lines;
    private final Map<String, List<KnownHostsFile.Entry>> byHost;
    private final List<Unreadable> unreadable;

    private KnownHostsText(
            List<String> lines, Map<String, List<KnownHostsFile.Entry>> byHost, List<Unreadable> unreadable) {
        this.lines = lines;
        this.byHost = byHost;
        this.unreadable = unreadable;
    }

    static KnownHostsText parse(List<String> lines) {
        Map<String, List<KnownHostsFile.Entry>> byHost = new HashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = fields(lines.get(i));
            if (f == null || f[0].startsWith("@")) {
                continue; // blank, comment, or a marker (@cert-authority, @revoked) for other tools
            }
            List<String> hosts = f.length >= 2 ? names(f[0]) : List.of();
            if (f.length < 3) {
                unreadable.add(new Unreadable(
                        i + 1, hosts, "expected 'HOST KEY-TYPE BASE64-KEY', found " + f.length + " field(s)"));
                continue;
            }
            try {
                PublicKey key = KeyCodec.decode(f[1], f[2]);
                for (String host : hosts) {
                    byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(new KnownHostsFile.Entry(i + 1, key));
                }
            } catch (GeneralSecurityException e) {
                unreadable.add(new Unreadable(i + 1, hosts, e.getMessage()));
            }
        }
        return new KnownHostsText(List.copyOf(lines), byHost, List.copyOf(unreadable));
    }

    List<String> lines() {
        return lines;
    }

    List<KnownHostsFile.Entry> entries(String host) {
        return byHost.getOrDefault(host, List.of());
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    /** The first unreadable line that names {@code host}. */
    Optional<Unreadable> unreadableFor(String host) {
        return unreadable.stream().filter(u -> u.hosts().contains(host)).findFirst();
    }

    /**
     * {@code lines} without {@code hosts}' names (a line left with no name goes); null if none
     * named them. Reads only the host names: no key is decoded.
     */
    static List<String> without(List<String> lines, Collection<String> hostIds) {
        Set<String> hosts = new HashSet<>(hostIds);
        List<String> kept = new ArrayList<>(lines.size());
        boolean removed = false;
        for (String line : lines) {
            String[] f = fields(line);
            if (f == null || f[0].startsWith("@") || f.length < 2) {
                kept.add(line);
                continue;
            }
            List<String> others = new ArrayList<>(names(f[0]));
            if (!others.removeAll(hosts)) {
                kept.add(line);
                continue;
            }
            removed = true;
            if (!others.isEmpty()) {
                kept.add(String.join(",", others) + line.strip().substring(f[0].length()));
            }
        }
        return removed ? kept : null;
    }

    private static String[] fields(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        return s.split("\\s+");
    }

    private static List<String> names(String field) {
        return Arrays.asList(field.split(","));
    }
}
