package org.thunderproject.ec2.ssh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs local programs (ssh-keygen, ssh) for tests. */
public final class Commands {
    private Commands() {}

    /** The first executable called {@code name} in the usual system directories or on PATH. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        String dirs = "/usr/sbin:/usr/local/sbin:/sbin:/usr/bin:/bin:" + path;
        for (String dir : dirs.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command}, returns stdout; fails on a non-zero exit or after 60 s. */
    public static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes a key with ssh-keygen: {@code ssh-keygen -q -t TYPE [extra…] -N PASS -f FILE -C test}. */
    public static Path keygen(Path file, String type, String passphrase, String... extra) {
        Path keygen = find("ssh-keygen").orElseThrow(() -> new IllegalStateException("ssh-keygen is missing"));
        List<String> cmd = new java.util.ArrayList<>(List.of(keygen.toString(), "-q", "-t", type));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-N", passphrase, "-f", file.toString(), "-C", "test"));
        run(cmd);
        return file;
    }
}
