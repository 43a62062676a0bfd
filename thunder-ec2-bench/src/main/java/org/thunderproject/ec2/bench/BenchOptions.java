package org.thunderproject.ec2.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The benchmark's command line. */
record BenchOptions(
        List<Integer> slaves,
        Duration pending,
        Duration pendingSpread,
        Duration sshBoot,
        Duration sshBootSpread,
        long seed,
        boolean rateLimits,
        boolean spark,
        Path localCloudJar) {

    static final String USAGE = String.join(
            "\n",
            "Usage: thunder-ec2-bench [options]",
            "  --slaves N,N,...          cluster sizes to launch and destroy, in order (default 10,100,500,1000)",
            "  --pending D               each instance's pending time (default 3s)",
            "  --pending-spread D        ... varies by +-D (default 1s)",
            "  --ssh-boot D              SSH answers D after an instance runs (default 4s)",
            "  --ssh-boot-spread D       ... varies by +-D (default 2s)",
            "  --seed S                  seed of the spreads (default 1)",
            "  --no-rate-limits          let the local cloud skip EC2's API rate limits (on by default)",
            "  --spark                   also launch N = 2 and 4 with Spark (SERVICES)",
            "  --local-cloud-jar FILE    the local cloud's standalone jar (default: the build's)",
            "Durations: 500ms, 3s, 1.5s.");

    /** Parses {@code args}; an {@link IllegalArgumentException} naming the option when one is wrong. */
    static BenchOptions parse(String[] args) {
        List<Integer> slaves = List.of(10, 100, 500, 1000);
        Duration pending = Duration.ofSeconds(3);
        Duration pendingSpread = Duration.ofSeconds(1);
        Duration sshBoot = Duration.ofSeconds(4);
        Duration sshBootSpread = Duration.ofSeconds(2);
        long seed = 1;
        boolean rateLimits = true;
        boolean spark = false;
        Path jar = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--no-rate-limits" -> rateLimits = false;
                case "--spark" -> spark = true;
                case "--slaves",
                        "--pending",
                        "--pending-spread",
                        "--ssh-boot",
                        "--ssh-boot-spread",
                        "--seed",
                        "--local-cloud-jar" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--slaves" -> slaves = sizes(value);
                        case "--pending" -> pending = duration(arg, value);
                        case "--pending-spread" -> pendingSpread = duration(arg, value);
                        case "--ssh-boot" -> sshBoot = duration(arg, value);
                        case "--ssh-boot-spread" -> sshBootSpread = duration(arg, value);
                        case "--seed" -> seed = number(arg, value);
                        default -> jar = Path.of(value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Path found = jar != null
                ? jar
                : defaultJar()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "no local cloud standalone jar under thunder-ec2-localcloud/target: build with 'mvn -DskipTests package'"
                                        + " from the repository root, or pass --local-cloud-jar FILE"));
        if (!Files.isRegularFile(found)) {
            throw new IllegalArgumentException("--local-cloud-jar: no file " + found);
        }
        return new BenchOptions(slaves, pending, pendingSpread, sshBoot, sshBootSpread, seed, rateLimits, spark, found);
    }

    /** The local cloud's options for this run. */
    List<String> cloudOptions() {
        List<String> out = new ArrayList<>(List.of(
                "--pending-ms",
                Long.toString(pending.toMillis()),
                "--pending-spread",
                pendingSpread.toMillis() + "ms",
                "--ssh-boot-delay",
                sshBoot.toMillis() + "ms",
                "--ssh-boot-spread",
                sshBootSpread.toMillis() + "ms",
                "--seed",
                Long.toString(seed),
                "--api-rate-limits",
                rateLimits ? "ec2" : "none"));
        if (!spark) {
            out.add("--no-spark-runtime");
        }
        return out;
    }

    private static Optional<Path> defaultJar() {
        String root = System.getProperty("thunder.bench.root", ".");
        Path target = Path.of(root, "thunder-ec2-localcloud", "target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar"))
                    .findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static List<Integer> sizes(String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            int n = (int) number("--slaves", part);
            if (n < 1 || n > 5000) {
                throw new IllegalArgumentException("--slaves takes sizes from 1 to 5000, not " + n);
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }

    static Duration duration(String option, String value) {
        String v = value.trim();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " takes a duration like 500ms or 3s, not '" + value + "'");
    }
}
