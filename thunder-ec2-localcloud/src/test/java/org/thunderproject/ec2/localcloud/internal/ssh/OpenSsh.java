package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The OpenSSH client programs, run as a user would, with strict host key checking. */
final class OpenSsh {

    /** What a program printed and returned. */
    record Result(int exitStatus, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private OpenSsh() {}

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ssh"))
                && Files.isExecutable(Path.of("/usr/bin/sftp"))
                && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** Common options: no user config or agent, only this key, only this known_hosts file. */
    static List<String> options(Path identity, Path knownHosts, int port) {
        return new ArrayList<>(List.of(
                "-F", "/dev/null",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none",
                "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR",
                "-i", identity.toString()));
    }

    static Result ssh(
            Path identity,
            Path knownHosts,
            String user,
            String address,
            int port,
            byte[] stdin,
            String... commandAndExtraOptions) {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/ssh");
        int split = commandAndExtraOptions.length - 1;
        for (int i = 0; i < split; i++) {
            argv.add(commandAndExtraOptions[i]); // first: for ssh the first value of an option wins
        }
        argv.addAll(options(identity, knownHosts, port));
        argv.addAll(List.of("-p", Integer.toString(port)));
        argv.add(user + "@" + address);
        if (split >= 0 && !commandAndExtraOptions[split].isEmpty()) {
            argv.add(commandAndExtraOptions[split]);
        }
        return run(argv, stdin, Duration.ofSeconds(120));
    }

    static Result sftp(Path identity, Path knownHosts, String user, String address, int port, String batch) {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/sftp");
        argv.addAll(options(identity, knownHosts, port));
        argv.addAll(List.of("-P", Integer.toString(port), "-b", "-", user + "@" + address));
        return run(argv, batch.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120));
    }

    static Result run(List<String> argv, byte[] stdin, Duration timeout) {
        try {
            Process process = new ProcessBuilder(argv).start();
            // Own threads: blocking reads must never wait for a shared pool.
            CompletableFuture<byte[]> out = inThread(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = inThread(() -> readAll(process.getErrorStream()));
            CompletableFuture<Void> in = inThread(() -> {
                try (OutputStream os = process.getOutputStream()) {
                    if (stdin != null) {
                        os.write(stdin);
                    }
                } catch (IOException e) {
                    // the program did not read all of it: its result will tell
                }
                return null;
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(argv + " did not finish within " + timeout);
            }
            in.join();
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> CompletableFuture<T> inThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.complete(work.get());
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                "test-openssh-pump");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
