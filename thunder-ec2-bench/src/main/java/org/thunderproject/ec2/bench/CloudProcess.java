package org.thunderproject.ec2.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local cloud's standalone server in a process of its own, so that its CPU and memory are not
 * the client's: started with the benchmark's delays, spreads and rate limits, read for its
 * endpoint and Spark runtime URL, asked for its statistics, and stopped.
 */
final class CloudProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern SPARK = Pattern.compile("sparkDownloadUrl\\): (\\S+)");
    private static final Pattern SSH_PORT = Pattern.compile("port (\\d+)$");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final URI endpoint;
    private final int sshPort;
    private final Optional<String> sparkDownloadUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private CloudProcess(Process process, URI endpoint, int sshPort, Optional<String> sparkDownloadUrl) {
        this.process = process;
        this.endpoint = endpoint;
        this.sshPort = sshPort;
        this.sparkDownloadUrl = sparkDownloadUrl;
    }

    /** Starts {@code jar} with {@code options} and waits until it prints its endpoint. */
    static CloudProcess start(Path jar, List<String> options, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(), "--port", "0"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI endpoint = null;
        int sshPort = 2222;
        Optional<String> spark = Optional.empty();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<String> seen = new ArrayList<>();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
                Matcher s = SPARK.matcher(line);
                if (s.find()) {
                    spark = Optional.of(s.group(1));
                }
                Matcher p = SSH_PORT.matcher(line.trim());
                if (line.contains("answer SSH") && p.find()) {
                    sshPort = Integer.parseInt(p.group(1));
                }
                if (line.startsWith("  Spark runtime for instances") || line.startsWith("  no Spark runtime served")) {
                    break; // the last line of its banner
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        if (endpoint == null) {
            process.destroyForcibly();
            throw new IOException("the local cloud did not start: " + String.join("\n", seen));
        }
        // Keep draining its output (to a log), or it blocks once the pipe is full.
        Thread drain = new Thread(
                () -> {
                    try (var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                        for (String line; (line = out.readLine()) != null; ) {
                            w.write(line);
                            w.newLine();
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "local-cloud-output");
        drain.setDaemon(true);
        drain.start();
        return new CloudProcess(process, endpoint, sshPort, spark);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    URI endpoint() {
        return endpoint;
    }

    int sshPort() {
        return sshPort;
    }

    Optional<String> sparkDownloadUrl() {
        return sparkDownloadUrl;
    }

    /** {@code /_localcloud/stats}: calls and throttled calls by action, the slowest node's boot-to-SSH. */
    Map<String, String> stats() {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/_localcloud/stats"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, String> out = new LinkedHashMap<>();
            body.lines()
                    .filter(l -> l.contains("="))
                    .forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the cloud's counts anew. */
    void resetStats() {
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/_localcloud/stats"))
                            .POST(HttpRequest.BodyPublishers.ofString("reset=true"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops it (its shutdown hook ends the nodes' processes) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
