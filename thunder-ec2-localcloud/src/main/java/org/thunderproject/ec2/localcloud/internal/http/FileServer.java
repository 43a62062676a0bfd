package org.thunderproject.ec2.localcloud.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a fixed set of local files over HTTP on 127.0.0.1 (GET and HEAD), each under the name
 * it was given; anything else is 404. For downloads by the cloud's instances (the Spark runtime
 * tarball), so that they use the same HTTP install path as on EC2.
 */
public final class FileServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);
    private static final int THREADS = 4;

    private final Map<String, Path> files;
    private final HttpServer server;
    private final ExecutorService executor;

    private FileServer(Map<String, Path> files) throws IOException {
        this.files = Map.copyOf(files);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "localcloud-files-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code files} (URL path without the leading slash → file) on any free loopback port. */
    public static FileServer start(Map<String, Path> files) throws IOException {
        Objects.requireNonNull(files, "files");
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
                throw new IllegalArgumentException("not a plain URL path: " + e.getKey());
            }
        }
        return new FileServer(files);
    }

    /** The URL of the file served as {@code name}. */
    public URI url(String name) {
        if (!files.containsKey(name)) {
            throw new IllegalArgumentException("not served: " + name);
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** The port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Path file = path.length() > 1 ? files.get(path.substring(1)) : null;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                text(exchange, 405, "only GET and HEAD\n");
                return;
            }
            if (file == null || !Files.isRegularFile(file)) {
                LOG.debug("{} {} -> 404", method, path);
                text(exchange, 404, "not found: " + path + "\n");
                return;
            }
            long size = Files.size(file);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size);
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
            LOG.debug("GET {} -> 200, {} bytes", path, size);
        } catch (IOException e) {
            LOG.debug("serving {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
