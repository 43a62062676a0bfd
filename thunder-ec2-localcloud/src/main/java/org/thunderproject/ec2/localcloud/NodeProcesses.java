package org.thunderproject.ec2.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's /proc says about the processes of a local cloud's nodes, which run on this machine:
 * for tests that check what a cluster left running ({@code under(cloud.dataDirectory())}) and how
 * much memory it took.
 */
public final class NodeProcesses {
    private NodeProcesses() {}

    /** Whether /proc can be read here. */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }

    /**
     * A process.
     *
     * @param pid its id
     * @param commandLine its arguments, space-separated
     * @param cwd its working directory, when readable
     */
    public record Proc(long pid, String commandLine, String cwd) {}

    /** Live processes whose command line or working directory mentions {@code directory}. */
    public static List<Proc> under(Path directory) {
        String dir = directory.toAbsolutePath().toString();
        List<Proc> found = new ArrayList<>();
        for (Proc p : all()) {
            if (p.commandLine().contains(dir) || p.cwd().startsWith(dir)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Every readable process. */
    public static List<Proc> all() {
        List<Proc> procs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ')
                            .strip();
                    String cwd;
                    try {
                        cwd = Files.readSymbolicLink(entry.resolve("cwd")).toString();
                    } catch (IOException | UnsupportedOperationException e) {
                        cwd = "";
                    }
                    if (!cmdline.isEmpty()) {
                        procs.add(new Proc(Long.parseLong(name), cmdline, cwd));
                    }
                } catch (IOException e) {
                    // Gone meanwhile.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return procs;
    }

    /** A status field in KiB ({@code VmHWM} is the peak resident size), if the process still exists. */
    public static OptionalLong statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(
                            line.substring(field.length() + 1).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone.
        }
        return OptionalLong.empty();
    }

    /** Whether something accepts TCP connections at {@code host:port}. */
    public static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
