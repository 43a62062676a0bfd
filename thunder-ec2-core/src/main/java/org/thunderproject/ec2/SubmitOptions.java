package org.thunderproject.ec2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@link Cluster#submit(java.nio.file.Path, SubmitOptions)} runs an application: its main
 * class, Spark properties ({@code --conf K=V}), arguments, and where its output goes as it comes.
 * Immutable; each {@code with}-method returns a copy.
 *
 * <pre>{@code
 * CommandResult r = cluster.submit(Path.of("target/job.jar"), SubmitOptions.defaults()
 *     .withMainClass("com.example.Job")
 *     .withConf("spark.executor.memory", "2g")
 *     .withArguments("s3a://bucket/input")
 *     .onStdoutLine(System.out::println));
 * }</pre>
 */
public final class SubmitOptions {
    private static final SubmitOptions DEFAULTS = new SubmitOptions(null, Map.of(), List.of(), null, null);

    private final String mainClass;
    private final Map<String, String> conf;
    private final List<String> arguments;
    private final Consumer<String> stdoutListener;
    private final Consumer<String> stderrListener;

    private SubmitOptions(
            String mainClass,
            Map<String, String> conf,
            List<String> arguments,
            Consumer<String> stdoutListener,
            Consumer<String> stderrListener) {
        this.mainClass = mainClass;
        this.conf = conf;
        this.arguments = arguments;
        this.stdoutListener = stdoutListener;
        this.stderrListener = stderrListener;
    }

    /** No main class (a jar's manifest names it), no properties, no arguments, output only in the result. */
    public static SubmitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The application's main class ({@code spark-submit --class}); needed for a jar whose manifest
     * names none, ignored for a Python application.
     *
     * @throws IllegalArgumentException the name is not a Java class name
     */
    public SubmitOptions withMainClass(String className) {
        Objects.requireNonNull(className, "className");
        if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw new IllegalArgumentException(
                    "the main class must be a Java class name like com.example.Job, got '" + className + "'");
        }
        return new SubmitOptions(className, conf, arguments, stdoutListener, stderrListener);
    }

    /**
     * A Spark property ({@code spark-submit --conf key=value}); a later value for the same key wins.
     *
     * @throws IllegalArgumentException the key is blank or has '=' or whitespace in it
     */
    public SubmitOptions withConf(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank()
                || key.contains("=")
                || !key.equals(key.strip())
                || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "a Spark property name has no '=' or spaces, like spark.executor.memory;" + " got '" + key + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>(conf);
        copy.put(key, value);
        return new SubmitOptions(
                mainClass, Collections.unmodifiableMap(copy), arguments, stdoutListener, stderrListener);
    }

    /** The application's arguments, replacing earlier ones. */
    public SubmitOptions withArguments(List<String> arguments) {
        List<String> copy = new ArrayList<>(arguments.size());
        arguments.forEach(a -> copy.add(Objects.requireNonNull(a, "an argument")));
        return new SubmitOptions(mainClass, conf, List.copyOf(copy), stdoutListener, stderrListener);
    }

    /** The application's arguments, replacing earlier ones. */
    public SubmitOptions withArguments(String... arguments) {
        return withArguments(List.of(arguments));
    }

    /** Calls {@code listener} with each line the application writes to stdout, as it comes (on a reader thread). */
    public SubmitOptions onStdoutLine(Consumer<String> listener) {
        return new SubmitOptions(
                mainClass, conf, arguments, Objects.requireNonNull(listener, "listener"), stderrListener);
    }

    /** Like {@link #onStdoutLine}, for stderr (where Spark logs). */
    public SubmitOptions onStderrLine(Consumer<String> listener) {
        return new SubmitOptions(
                mainClass, conf, arguments, stdoutListener, Objects.requireNonNull(listener, "listener"));
    }

    /** The main class, if set. */
    public Optional<String> mainClass() {
        return Optional.ofNullable(mainClass);
    }

    /** The Spark properties, in the order set. */
    public Map<String, String> conf() {
        return conf;
    }

    /** The application's arguments. */
    public List<String> arguments() {
        return arguments;
    }

    /** The stdout line listener, if any. */
    public Optional<Consumer<String>> stdoutListener() {
        return Optional.ofNullable(stdoutListener);
    }

    /** The stderr line listener, if any. */
    public Optional<Consumer<String>> stderrListener() {
        return Optional.ofNullable(stderrListener);
    }

    /** The class, property names and arguments count; never property values (they may be secrets). */
    @Override
    public String toString() {
        return "SubmitOptions(" + (mainClass == null ? "manifest main class" : mainClass) + ", conf " + conf.keySet()
                + ", " + arguments.size() + " arguments)";
    }
}
