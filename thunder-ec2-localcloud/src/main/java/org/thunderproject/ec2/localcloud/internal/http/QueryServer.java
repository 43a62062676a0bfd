package org.thunderproject.ec2.localcloud.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.internal.actions.ActionRegistry;
import org.thunderproject.ec2.localcloud.internal.actions.Request;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.FaultSettings;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.throttle.CallCounts;
import org.thunderproject.ec2.localcloud.internal.throttle.RateLimiter;

/**
 * The EC2 Query endpoint on loopback: form-encoded requests in, EC2 XML out. The region comes from
 * the SigV4 credential scope (signatures are not checked). Every failure is an EC2 error document,
 * never an HTML page. {@code /_localcloud/faults} is the admin endpoint for faults
 * (see {@link FaultSettings}), {@code /_localcloud/stats} counts calls and boot times
 * (see {@link CloudStats}). With {@linkplain #rateLimits rate limits} on, a call over its bucket
 * is answered {@code RequestLimitExceeded}.
 */
public final class QueryServer implements AutoCloseable {

    /** The path of the admin endpoint. */
    public static final String FAULTS_PATH = "/_localcloud/faults";
    /** A stable path that redirects to the Spark runtime the cloud serves (404 when none). */
    public static final String SPARK_RUNTIME_PATH = "/_localcloud/spark-runtime.tgz";
    /** The path of the statistics endpoint. */
    public static final String STATS_PATH = "/_localcloud/stats";

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final int MAX_BODY = 1 << 20;
    private static final Pattern SCOPE = Pattern.compile("Credential=([^/,]+)/\\d{8}/([^/,]+)/");

    private final CloudState cloud;
    private final ActionRegistry actions;
    private final FaultSettings faultSettings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CallCounts calls = new CallCounts();
    private volatile RateLimiter rateLimiter;
    private volatile URI sparkRuntime;

    private QueryServer(CloudState cloud, ActionRegistry actions, FaultSettings faultSettings, int port)
            throws IOException {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.faultSettings = Objects.requireNonNull(faultSettings, "faultSettings");
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "localcloud-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        disableNagle();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    // The JDK server flushes response headers and body in separate packets; with Nagle's algorithm
    // on, the body then waits for the client's delayed ACK: 40-50 ms per call instead of 2. The
    // server reads this switch once per JVM, when the first server starts; an explicit setting wins.
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Serves {@code cloud} on 127.0.0.1:{@code port} (0: any free port). */
    public static QueryServer start(CloudState cloud, ActionRegistry actions, FaultSettings faultSettings, int port)
            throws IOException {
        return new QueryServer(cloud, actions, faultSettings, port);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes {@link #SPARK_RUNTIME_PATH} redirect to {@code url}. */
    public void sparkRuntime(URI url) {
        this.sparkRuntime = Objects.requireNonNull(url, "url");
    }

    /** Enforces {@code limiter}'s buckets on every EC2 call from now on. */
    public void rateLimits(RateLimiter limiter) {
        this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** The calls answered so far. */
    public CallCounts calls() {
        return calls;
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals(SPARK_RUNTIME_PATH)) {
            try (exchange) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                URI target = sparkRuntime;
                if (target == null) {
                    send(exchange, 404, "text/plain;charset=UTF-8", "this local cloud serves no Spark runtime\n", null);
                } else {
                    exchange.getResponseHeaders().set("Location", target.toString());
                    exchange.sendResponseHeaders(302, -1);
                }
            }
            return;
        }
        try (exchange) {
            long started = System.nanoTime();
            String requestId = UUID.randomUUID().toString();
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                // Read the rest, so that the client gets to read the answer instead of a reset connection.
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                error(
                        exchange,
                        requestId,
                        Ec2Error.withStatus(413, "RequestEntityTooLarge", "Request body over " + MAX_BODY + " bytes"));
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            try {
                decodeForm(exchange.getRequestURI().getRawQuery(), params);
                decodeForm(new String(body, StandardCharsets.UTF_8), params);
            } catch (Ec2Error e) {
                error(exchange, requestId, e);
                return;
            }
            if (exchange.getRequestURI().getPath().equals(FAULTS_PATH)) {
                admin(exchange, params);
                return;
            }
            if (exchange.getRequestURI().getPath().equals(STATS_PATH)) {
                stats(exchange, params);
                return;
            }
            String action = params.getOrDefault("Action", "");
            String regionName = credentialScope(exchange, 2, cloud.defaultRegion());
            String accessKey = credentialScope(exchange, 1, "");
            int status = 200;
            String outcome = "ok";
            try {
                String xml = dispatch(action, regionName, accessKey, params, requestId);
                send(exchange, 200, "text/xml;charset=UTF-8", xml, requestId);
            } catch (Ec2Error e) {
                status = e.status();
                outcome = e.code();
                error(exchange, requestId, e);
            } catch (RuntimeException e) {
                status = 500;
                outcome = "InternalError";
                LOG.warn("{} failed", action, e);
                error(
                        exchange,
                        requestId,
                        Ec2Error.withStatus(
                                500,
                                "InternalError",
                                "An internal error has occurred: "
                                        + e.getClass().getSimpleName()));
            }
            LOG.debug(
                    "{} {} [{}] -> {} {} in {} ms",
                    requestId,
                    action,
                    regionName,
                    status,
                    outcome,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private String dispatch(
            String action, String regionName, String accessKey, Map<String, String> params, String requestId) {
        if (action.isEmpty()) {
            throw Ec2Error.of("MissingAction", "The request must contain the parameter Action");
        }
        ActionRegistry.Entry entry = actions.get(action);
        if (entry == null) {
            throw Ec2Error.of("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        Region region = cloud.region(regionName);
        cloud.faults().holds().hold(action);
        RateLimiter limiter = rateLimiter;
        boolean throttled = cloud.faults().shouldThrottle(action)
                || (limiter != null && !limiter.admit(region.name(), accessKey, action, params));
        calls.record(action, throttled);
        if (throttled) {
            throw Ec2Error.withStatus(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
        if ("true".equalsIgnoreCase(params.get("DryRun"))) {
            throw Ec2Error.withStatus(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        XmlWriter out = new XmlWriter();
        Request request = new Request(action, cloud, region, QueryParams.of(params));
        if (entry.locked()) {
            synchronized (cloud.lock()) {
                entry.action().handle(request, out);
            }
        } else {
            entry.action().handle(request, out);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NAMESPACE + "\">"
                + "<requestId>" + requestId + "</requestId>" + out + "</" + action + "Response>";
    }

    private void admin(HttpExchange exchange, Map<String, String> params) throws IOException {
        try {
            if (exchange.getRequestMethod().equals("POST")
                    || exchange.getRequestMethod().equals("PUT")) {
                faultSettings.apply(params);
                LOG.info("Faults changed: {}", faultSettings.describe());
            }
            send(exchange, 200, "text/plain;charset=UTF-8", faultSettings.describe() + "\n", null);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "text/plain;charset=UTF-8", e.getMessage() + "\n", null);
        }
    }

    private void stats(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (exchange.getRequestMethod().equals("POST") && "true".equals(params.get("reset"))) {
            calls.reset();
            cloud.bootTimes().reset();
        }
        send(exchange, 200, "text/plain;charset=UTF-8", CloudStats.render(calls, cloud.bootTimes()), null);
    }

    // Group 1 of the SigV4 credential scope is the access key, group 2 the region.
    private static String credentialScope(HttpExchange exchange, int group, String otherwise) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            Matcher m = SCOPE.matcher(authorization);
            if (m.find()) {
                return m.group(group);
            }
        }
        return otherwise;
    }

    private static void error(HttpExchange exchange, String requestId, Ec2Error e) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                + XmlWriter.escapeText(e.code()) + "</Code><Message>" + XmlWriter.escapeText(e.getMessage())
                + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
        send(exchange, e.status(), "text/xml;charset=UTF-8", xml, requestId);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text, String requestId)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (requestId != null) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void decodeForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                into.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw Ec2Error.of("MalformedQueryString", "Malformed form parameter: " + key);
            }
        }
    }

    /** Stops serving and releases the threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
