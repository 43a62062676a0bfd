package org.thunderproject.ec2;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thunderproject.ec2.internal.services.BuiltInServices;

/** The rules of the spec's service fields (Spark, Python, the user's services). */
final class ServiceRules {
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,7})([mg])");
    private static final long MIN_WORKER_MEMORY_MB = 512;
    private static final int MAX_WORKER_CORES = 1024;
    // A requirement, not an option: pip must not read "--index-url=..." from here.
    private static final Pattern REQUIREMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-\\[\\],<>=!~ ;:'\"@/+*]*");

    private ServiceRules() {}

    static void check(ClusterSpec spec) {
        require(
                VERSION.matcher(spec.sparkVersion()).matches(),
                "sparkVersion",
                "'" + spec.sparkVersion() + "' is not a Spark version like 4.0.1");
        spec.sparkDownloadUrl()
                .ifPresent(url -> require(
                        isDownloadUrl(url, true),
                        "sparkDownloadUrl",
                        "'" + url + "' is not an http://, https:// or file: URL of a Spark .tgz"));
        spec.sparkWorkerCores()
                .ifPresent(c -> require(
                        c >= 1 && c <= MAX_WORKER_CORES,
                        "sparkWorkerCores",
                        c + " cores: a worker offers 1 to " + MAX_WORKER_CORES + " cores"));
        spec.sparkWorkerMemory().ifPresent(m -> {
            Matcher matcher = MEMORY.matcher(m.toLowerCase(Locale.ROOT));
            require(matcher.matches(), "sparkWorkerMemory", "'" + m + "' is not a memory size like 512m or 6g");
            long mb = Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("g") ? 1024 : 1);
            require(
                    mb >= MIN_WORKER_MEMORY_MB,
                    "sparkWorkerMemory",
                    m + " is too little for a Spark worker: give at least 512m (an executor needs at least 450m)");
        });
        for (String requirement : spec.pythonPackages()) {
            require(
                    REQUIREMENT.matcher(requirement).matches() && requirement.length() <= 200,
                    "pythonPackages",
                    "'" + requirement + "' is not a pip requirement like thunder-python or thunder-python==1.4.2");
        }
        spec.pythonPackageIndex()
                .ifPresent(url -> require(
                        isDownloadUrl(url, true),
                        "pythonPackageIndex",
                        "'" + url + "' is not an http://, https:// or file: URL of a package index"));
        Set<String> names = new HashSet<>(BuiltInServices.NAMES);
        for (Service service : spec.services()) {
            String name = service.name();
            require(
                    name != null && Service.NAME.matcher(name).matches(),
                    "services",
                    "'" + name + "' is not a service name: lower-case letters, digits and '-', starting with a letter");
            require(
                    names.add(name),
                    "services",
                    BuiltInServices.NAMES.contains(name)
                            ? "'" + name + "' is a built-in service's name; give yours another"
                            : "two services are named '" + name + "'");
        }
    }

    private static boolean isDownloadUrl(String url, boolean allowFile) {
        if (url.isBlank() || url.chars().anyMatch(c -> c <= ' ' || c == '\'' || c == '"' || c == '\\')) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "http", "https" -> uri.getHost() != null;
                case "file" ->
                    allowFile && uri.getPath() != null && uri.getPath().startsWith("/");
                default -> false;
            };
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new InvalidSpecException(field, rule);
        }
    }
}
