package org.thunderproject.ec2.localcloud;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.thunderproject.ec2.localcloud.internal.model.FaultSettings;

/**
 * The local cloud as a standalone server, until killed:
 * <pre>
 * java -jar thunder-ec2-localcloud-VERSION-standalone.jar [--port 4566] [--region us-east-1] …
 * AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --endpoint-url http://127.0.0.1:4566 \
 *     --region us-east-1 ec2 describe-instances
 * </pre>
 * Options: {@code --port N} (default 4566; 0 for any free port), {@code --region R},
 * {@code --ssh-port N}, {@code --ssh-boot-delay D} (e.g. {@code 1s}, {@code 500ms}; a bare number
 * is milliseconds), {@code --no-ssh}, {@code --data-dir DIR}, {@code --pending-ms N}, {@code --stopping-ms N},
 * {@code --shutting-down-ms N}, {@code --terminated-retention-ms N}, {@code --pending-spread D},
 * {@code --ssh-boot-spread D}, {@code --seed S}, {@code --api-rate-limits none|ec2}, and the faults
 * {@code --throttle-next N}, {@code --throttle-action ACTION}, {@code --throttle-fraction F},
 * {@code --throttle-seed S}, {@code --insufficient-capacity TYPE@ZONE} (repeatable),
 * {@code --never-pending N}, {@code --spark-runtime FILE} (default: the build's runtime tarball, when
 * found), {@code --no-spark-runtime}. Faults can be changed while it runs through
 * {@code /_localcloud/faults} (see {@link Faults}).
 */
public final class LocalCloudServer {

    private static final String USAGE = String.join(
            "\n",
            "Usage: java -jar thunder-ec2-localcloud-standalone.jar [options]",
            "  --port N                      port on 127.0.0.1 (default 4566, 0 = any free port)",
            "  --region R                    default region (default us-east-1)",
            "  --ssh-port N                  SSH port of every instance (default 2222)",
            "  --ssh-boot-delay D            SSH answers D after an instance runs (default 1s; 500ms, 2s, or ms)",
            "  --no-ssh                      instances are not SSH hosts (EC2 API only)",
            "  --data-dir DIR                instance directories (default: a temporary directory)",
            "  --pending-ms N                pending -> running time (default 250)",
            "  --pending-spread D            each instance's pending time varies by +-D (default 0)",
            "  --ssh-boot-spread D           each instance's SSH boot delay varies by +-D (default 0)",
            "  --seed S                      seed of the spreads, so a run can be repeated (default 0)",
            "  --api-rate-limits none|ec2    enforce EC2's API token buckets (default none)",
            "  --stopping-ms N               stopping -> stopped time (default 200)",
            "  --shutting-down-ms N          shutting-down -> terminated time (default 200)",
            "  --terminated-retention-ms N   how long terminated instances stay visible (default 60000)",
            "  --throttle-next N             throttle the next N calls (RequestLimitExceeded)",
            "  --throttle-action ACTION      ... only calls of this action",
            "  --throttle-fraction F         throttle this fraction (0-1) of calls",
            "  --throttle-seed S             seed for --throttle-fraction (default 0)",
            "  --insufficient-capacity T@Z   no capacity for type T in zone Z (repeatable)",
            "  --never-pending N             the next N instances never leave pending",
            "  --spark-runtime FILE          a Spark .tgz to serve to instances (default: the build's, if found)",
            "  --no-spark-runtime            serve no Spark runtime",
            "Faults can be changed at runtime: curl -d throttleNext=3 http://127.0.0.1:PORT/_localcloud/faults");

    private LocalCloudServer() {}

    /** Runs the server until the process is killed; exits with status 2 on bad options. */
    public static void main(String[] args) throws InterruptedException {
        LocalCloud cloud;
        try {
            cloud = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (cloud == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            cloud.close();
                            stopped.countDown();
                        },
                        "localcloud-shutdown"));
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the cloud and prints its endpoint to {@code out}; null after
     * {@code --help}. The caller closes the cloud. An {@link IllegalArgumentException} for bad options.
     */
    public static LocalCloud start(String[] args, PrintStream out) {
        LocalCloud.Builder builder = LocalCloud.builder().port(4566);
        Map<String, String> faults = new LinkedHashMap<>();
        List<String> capacity = new ArrayList<>();
        Optional<Path> sparkRuntime = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return null;
            }
            if (arg.equals("--no-spark-runtime")) {
                if (value != null) {
                    throw new IllegalArgumentException("--no-spark-runtime takes no value");
                }
                sparkRuntime = Optional.empty();
                continue;
            }
            if (arg.equals("--no-ssh")) {
                if (value != null) {
                    throw new IllegalArgumentException("--no-ssh takes no value");
                }
                builder.withoutSsh();
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--port" -> builder.port(integer(arg, value));
                case "--region" -> builder.region(value);
                case "--ssh-port" -> builder.sshPort(integer(arg, value));
                case "--ssh-boot-delay" -> builder.sshBootDelay(duration(arg, value));
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                case "--pending-ms" -> builder.pendingTime(Duration.ofMillis(integer(arg, value)));
                case "--pending-spread" -> builder.pendingSpread(duration(arg, value));
                case "--ssh-boot-spread" -> builder.sshBootSpread(duration(arg, value));
                case "--seed" -> builder.seed(integer(arg, value));
                case "--api-rate-limits" -> builder.apiRateLimits(rateLimits(value));
                case "--stopping-ms" -> builder.stoppingTime(Duration.ofMillis(integer(arg, value)));
                case "--shutting-down-ms" -> builder.shuttingDownTime(Duration.ofMillis(integer(arg, value)));
                case "--terminated-retention-ms" -> builder.terminatedRetention(Duration.ofMillis(integer(arg, value)));
                case "--throttle-next" -> faults.put("throttleNext", value);
                case "--throttle-action" -> faults.put("throttleAction", value);
                case "--throttle-fraction" -> faults.put("throttleFraction", value);
                case "--throttle-seed" -> faults.put("throttleSeed", value);
                case "--insufficient-capacity" -> capacity.add(value);
                case "--never-pending" -> faults.put("neverLeavePending", value);
                case "--spark-runtime" -> sparkRuntime = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!capacity.isEmpty()) {
            faults.put("insufficientCapacity", String.join(",", capacity));
        }
        if (faults.containsKey("throttleAction") && !faults.containsKey("throttleNext")) {
            throw new IllegalArgumentException("--throttle-action goes with --throttle-next");
        }
        (sparkRuntime == null ? LocalCloud.builtSparkRuntime() : sparkRuntime).ifPresent(builder::sparkRuntime);
        LocalCloud cloud = builder.start();
        try {
            new FaultSettings(cloud.parts().faultState(), cloud.parts().timings()).apply(faults);
        } catch (IllegalArgumentException e) {
            cloud.close();
            throw e;
        }
        out.println("thunder-ec2 local cloud: EC2 endpoint " + cloud.endpoint() + " (region " + cloud.region()
                + ", regions " + String.join(", ", cloud.regions()) + ")");
        out.println(
                cloud.sshEnabled()
                        ? "  instances answer SSH on their own loopback address, port " + cloud.sshPort()
                        : "  instances are not SSH hosts (--no-ssh)");
        out.println("  try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --endpoint-url " + cloud.endpoint()
                + " --region " + cloud.region() + " ec2 describe-instances");
        out.println("  API rate limits: " + cloud.apiRateLimits() + "; statistics: " + cloud.endpoint()
                + "/_localcloud/stats");
        out.println("  faults: " + cloud.endpoint() + "/_localcloud/faults (" + cloud.faults() + ")");
        out.println(cloud.sparkDownloadUrl()
                .map(url -> "  Spark runtime for instances (a spec's sparkDownloadUrl): " + url + " (also "
                        + cloud.sparkRuntimeAlias() + ")")
                .orElse("  no Spark runtime served (--spark-runtime FILE serves one)"));
        out.flush();
        return cloud;
    }

    /** {@code 1500}, {@code 1500ms}, {@code 2s}. */
    private static Duration duration(String option, String value) {
        String v = value.trim();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(
                        Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " takes a duration like 500ms, 2s or a number of milliseconds, not '" + value + "'");
        }
    }

    private static ApiRateLimits rateLimits(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "ec2" -> ApiRateLimits.EC2;
            case "none" -> ApiRateLimits.NONE;
            default -> throw new IllegalArgumentException("--api-rate-limits takes none or ec2, not '" + value + "'");
        };
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }
}
