package org.thunderproject.ec2.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel of a real Jupyter server, driven as a browser drives it: started with {@code POST
 * /api/kernels}, code sent as an {@code execute_request} over the kernel's WebSocket channels.
 * Authenticates with the server's token ({@code Authorization: token …}).
 */
final class JupyterKernel implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]+)\"");

    private final URI server;
    private final String token;
    private final String id;
    private final WebSocket channels;

    private JupyterKernel(URI server, String token, String id, WebSocket channels) {
        this.server = server;
        this.token = token;
        this.id = id;
        this.channels = channels;
    }

    /** Starts a {@code python3} kernel on the server at {@code server} and opens its channels. */
    static JupyterKernel start(URI server, String token) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(server.resolve("/api/kernels"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "token " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"python3\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(started.body());
        if (started.statusCode() != 201 || !id.find()) {
            throw new AssertionError("POST /api/kernels answered " + started.statusCode() + ": " + started.body());
        }
        URI ws = URI.create("ws://" + server.getRawAuthority() + "/api/kernels/" + id.group(1) + "/channels");
        WebSocket channels;
        try {
            channels = http.newWebSocketBuilder()
                    .header("Authorization", "token " + token)
                    .buildAsync(ws, new WebSocket.Listener() {})
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the kernel's channels at " + ws + " did not open", e);
        }
        return new JupyterKernel(server, token, id.group(1), channels);
    }

    /** Sends {@code code} to run (an {@code execute_request} on the shell channel); does not wait. */
    void execute(String code) {
        String message = "{\"channel\": \"shell\", \"header\": {\"msg_id\": \"" + UUID.randomUUID()
                + "\", \"msg_type\": \"execute_request\", \"session\": \"" + UUID.randomUUID()
                + "\", \"username\": \"test\", \"version\": \"5.3\", \"date\": \"" + Instant.now()
                + "\"}, \"parent_header\": {}, \"metadata\": {}, \"buffers\": [], \"content\": {\"code\": "
                + json(code) + ", \"silent\": false, \"store_history\": true, \"user_expressions\": {},"
                + " \"allow_stdin\": false, \"stop_on_error\": true}}";
        channels.sendText(message, true).join();
    }

    /** The kernel's {@code execution_state} as the server reports it ({@code GET /api/kernels/ID}). */
    String executionState() throws IOException, InterruptedException {
        HttpResponse<String> kernel = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.resolve("/api/kernels/" + id))
                                .timeout(Duration.ofSeconds(20))
                                .header("Authorization", "token " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher state =
                Pattern.compile("\"execution_state\"\\s*:\\s*\"(\\w+)\"").matcher(kernel.body());
        return state.find() ? state.group(1) : kernel.statusCode() + " " + kernel.body();
    }

    @Override
    public void close() {
        channels.abort();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
