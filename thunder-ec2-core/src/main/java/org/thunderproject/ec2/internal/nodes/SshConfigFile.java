package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ssh.KnownHosts;

/**
 * thunder-ec2's OpenSSH client configuration ({@code ssh_config} in its home directory): one
 * block per cluster, {@code Host NAME} for the master and {@code NAME-slave-1} … in launch order,
 * each with the node's current address, the key, and the host key checked by instance id against
 * thunder-ec2's {@code known_hosts} ({@code StrictHostKeyChecking yes}), so plain {@code ssh NAME}
 * verifies keys as this library does. Written 0600 in the 0700 directory, replaced atomically
 * under a lock file, so concurrent thunder-ec2 processes never lose each other's blocks.
 */
public final class SshConfigFile {

    /** The file's name in thunder-ec2's home directory. */
    public static final String FILE_NAME = "ssh_config";

    private static final String HEADER =
            "# thunder-ec2's SSH configuration: written by launch, start, stop, add-slaves,"
                    + " remove-slaves and destroy;\n# edits are lost. Use: ssh -F "
                    + "%s NAME, or 'thunder-ec2 ssh-config --install'.\n";

    private static final Logger LOG = LoggerFactory.getLogger(SshConfigFile.class);

    private final Path home;

    private SshConfigFile(Path home) {
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The file in thunder-ec2's home directory {@code home}. */
    public static SshConfigFile in(Path home) {
        return new SshConfigFile(home);
    }

    /** The file. */
    public Path file() {
        return home.resolve(FILE_NAME);
    }

    /** Replaces the block of the described cluster (removes it when nothing of it exists). */
    public void update(ClusterSpec spec, ClusterDescription cluster) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(cluster, "cluster");
        // A command without the key (stop, remove-slaves) keeps the one an earlier launch or start wrote.
        Optional<String> identity = spec.identityFile()
                .map(file -> value(file.toAbsolutePath().toString()))
                .or(() -> block(cluster.name()).flatMap(text -> text.lines()
                        .map(String::strip)
                        .filter(line -> line.startsWith("IdentityFile "))
                        .map(line -> line.substring(13))
                        .findFirst()));
        List<String> block = cluster.exists() ? block(spec, identity, cluster) : List.of();
        rewrite(cluster.name(), cluster.region(), block);
    }

    /** {@link #update}, a failure only logged: the file is a convenience, never worth failing an operation. */
    public ClusterDescription refresh(ClusterSpec spec, ClusterDescription cluster) {
        try {
            update(spec, cluster);
        } catch (RuntimeException e) {
            LOG.warn("cannot update {}: {}", file(), e.toString());
        }
        return cluster;
    }

    /** {@link #remove}, a failure only logged. */
    public void forget(String name, String region) {
        try {
            remove(name, region);
        } catch (RuntimeException e) {
            LOG.warn("cannot update {}: {}", file(), e.toString());
        }
    }

    /** Removes the block of cluster {@code name} in {@code region} (destroyed). */
    public void remove(String name, String region) {
        rewrite(name, region, List.of());
    }

    /** The block of cluster {@code name} (any region) as written, or empty. */
    public Optional<String> block(String name) {
        List<String> lines = read();
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith(begin(name, ""))) {
                inside = true;
            }
            if (inside) {
                out.append(line).append('\n');
            }
            if (inside && line.startsWith(end(name, ""))) {
                inside = false;
            }
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    private List<String> block(ClusterSpec spec, Optional<String> identity, ClusterDescription cluster) {
        List<String> lines = new ArrayList<>();
        lines.add(begin(cluster.name(), cluster.region()));
        cluster.master().ifPresent(master -> host(lines, cluster.name(), master, spec, identity));
        for (int i = 0; i < cluster.slaves().size(); i++) {
            host(lines, cluster.name() + "-slave-" + (i + 1), cluster.slaves().get(i), spec, identity);
        }
        lines.add(end(cluster.name(), cluster.region()));
        return lines;
    }

    private void host(List<String> lines, String alias, Node node, ClusterSpec spec, Optional<String> identity) {
        Optional<String> address = node.address();
        boolean up = node.state() == NodeState.RUNNING || node.state() == NodeState.PENDING;
        if (address.isEmpty() || !up) { // a stopped node keeps its private address, but nothing answers there
            lines.add("# " + alias + " (" + node.instanceId() + ") is "
                    + node.state().ec2Name() + ": no address until it runs");
            return;
        }
        lines.add("Host " + alias);
        lines.add("  HostName " + address.get());
        lines.add("  Port " + spec.sshPort());
        lines.add("  User " + spec.user());
        identity.ifPresent(file -> {
            lines.add("  IdentityFile " + file);
            lines.add("  IdentitiesOnly yes");
        });
        lines.add("  HostKeyAlias " + node.instanceId());
        lines.add("  UserKnownHostsFile "
                + value(KnownHosts.in(home).file().toAbsolutePath().toString()));
        lines.add("  StrictHostKeyChecking yes");
    }

    private static String begin(String name, String region) {
        return "# BEGIN cluster " + name + " " + region;
    }

    private static String end(String name, String region) {
        return "# END cluster " + name + " " + region;
    }

    // OpenSSH takes a value with spaces in double quotes; a double quote itself cannot be written.
    private static String value(String text) {
        if (text.contains("\"")) {
            throw new IllegalArgumentException("OpenSSH cannot name a path with a double quote: " + text);
        }
        return text.matches("[^\\s#]+") ? text : "\"" + text + "\"";
    }

    private List<String> read() {
        try {
            return Files.exists(file()) ? Files.readAllLines(file(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }

    private void rewrite(String name, String region, List<String> block) {
        try {
            Files.createDirectories(home, ownerOnly("rwx------"));
            Path lock = home.resolve(FILE_NAME + ".lock");
            try (FileChannel channel = FileChannel.open(
                            lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly("rw-------"));
                    FileLock ignored = channel.lock()) {
                List<String> kept = new ArrayList<>();
                boolean skipping = false;
                for (String line : read()) {
                    if (line.equals(begin(name, region))) {
                        skipping = true;
                    } else if (skipping && line.equals(end(name, region))) {
                        skipping = false;
                    } else if (!skipping && line.startsWith("# BEGIN cluster ")) {
                        kept.add("");
                        kept.add(line);
                    } else if (!skipping && !line.isBlank() && !kept.isEmpty()) {
                        kept.add(line);
                    }
                }
                StringBuilder text = new StringBuilder(String.format(HEADER, file().toAbsolutePath()));
                kept.forEach(line -> text.append(line).append('\n'));
                if (!block.isEmpty()) {
                    text.append('\n');
                    block.forEach(line -> text.append(line).append('\n'));
                }
                Path temp = Files.createTempFile(home, "." + FILE_NAME, ".tmp", ownerOnly("rw-------"));
                try {
                    Files.writeString(temp, text, StandardCharsets.UTF_8);
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
