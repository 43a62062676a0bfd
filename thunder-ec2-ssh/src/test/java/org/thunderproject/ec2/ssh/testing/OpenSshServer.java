package org.thunderproject.ec2.ssh.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.thunderproject.ec2.ssh.internal.KeyCodec;

/**
 * A real OpenSSH {@code sshd} on a loopback address, with its own host key, config and
 * authorized_keys in a temporary directory, run in the foreground ({@code -D -e -f config}).
 */
public final class OpenSshServer implements TestServer {
    private final Process process;
    private final String host;
    private final int port;
    private final Path hostKeyFile;
    private final Path authorizedKeys;
    private final List<String> log;

    private OpenSshServer(
            Process process, String host, int port, Path hostKeyFile, Path authorizedKeys, List<String> log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.hostKeyFile = hostKeyFile;
        this.authorizedKeys = authorizedKeys;
        this.log = log;
    }

    /** The sshd binary, if installed. */
    public static Optional<Path> sshd() {
        return Commands.find("sshd");
    }

    /** Makes an ed25519 host key in {@code dir}. */
    public static Path newHostKey(Path dir) {
        try {
            Path file = Files.createTempDirectory(dir, "hostkey").resolve("ssh_host_ed25519_key");
            return Commands.keygen(file, "ed25519", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts sshd on {@code host}:{@code port} (0 = a free port) with {@code hostKeyFile}, working
     * in a new directory under {@code dir}; returns once it listens.
     */
    public static OpenSshServer start(Path dir, String host, int port, Path hostKeyFile) {
        Path sshd = sshd().orElseThrow(() -> new IllegalStateException("sshd is not installed"));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int p = port != 0 ? port : freePort(host);
            try {
                return startOnce(sshd, Files.createTempDirectory(dir, "sshd"), host, p, hostKeyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                last = e;
                if (port != 0 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static OpenSshServer startOnce(Path sshd, Path work, String host, int port, Path hostKeyFile)
            throws IOException {
        Path authorizedKeys = work.resolve("authorized_keys");
        Files.writeString(authorizedKeys, "");
        Path config = work.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "ListenAddress " + host,
                        "Port " + port,
                        "HostKey " + hostKeyFile,
                        "AuthorizedKeysFile " + authorizedKeys,
                        "PidFile " + work.resolve("sshd.pid"),
                        "UsePAM no",
                        "StrictModes no",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "AllowTcpForwarding yes",
                        "Subsystem sftp internal-sftp",
                        "MaxStartups 200",
                        "MaxSessions 100",
                        "PrintMotd no",
                        "LogLevel VERBOSE",
                        ""));
        // Privilege separation needs it; Debian makes it only when its own service starts.
        Files.createDirectories(Path.of("/run/sshd"));
        Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // Blocks on sshd's own output until it says it listens, or exits (no polling).
        String line;
        while ((line = out.readLine()) != null) {
            log.add(line);
            if (line.contains("Server listening on")) {
                break;
            }
        }
        if (line == null) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "sshd did not start on " + host + ":" + port + ":\n" + String.join("\n", log));
        }
        Thread drain = new Thread(
                () -> {
                    try {
                        String l;
                        while ((l = out.readLine()) != null) {
                            log.add(l);
                        }
                    } catch (IOException e) {
                        // sshd ended.
                    }
                },
                "sshd-log-" + port);
        drain.setDaemon(true);
        drain.start();
        return new OpenSshServer(process, host, port, hostKeyFile, authorizedKeys, log);
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return System.getProperty("user.name");
    }

    @Override
    public void authorize(String authorizedKeyLine) {
        try {
            Files.writeString(authorizedKeys, authorizedKeyLine + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PublicKey hostKey() {
        try {
            String[] f = Files.readString(hostKeyFile.resolveSibling(hostKeyFile.getFileName() + ".pub"))
                    .trim()
                    .split("\\s+");
            return KeyCodec.decode(f[0], f[1]);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host key file. */
    public Path hostKeyFile() {
        return hostKeyFile;
    }

    @Override
    public String consoleOutput() {
        // What cloud-init runs: ssh-keygen -l on each host key.
        Path keygen = Commands.find("ssh-keygen").orElseThrow();
        String line = Commands.run(List.of(keygen.toString(), "-l", "-f", hostKeyFile + ".pub"))
                .trim();
        return TestServer.cloudInitConsole(line);
    }

    @Override
    public boolean resizablePty() {
        return true;
    }

    /** What sshd logged so far. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OpenSshServer[" + host + ":" + port + "]";
    }
}
