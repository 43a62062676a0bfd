package org.thunderproject.ec2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A shell script a {@link Service} runs on a node: a classpath resource (or a file), never a Java
 * string. The provisioner uploads it to {@code ~/.thunder-ec2/services/SERVICE/NAME} (mode 0755)
 * and runs it with {@code /bin/sh} in the login user's home directory, with its arguments and
 * environment, under a timeout. It fails the step by exiting non-zero (its stderr's last lines go
 * into the error); a stdout line {@code thunder-ec2:warning: TEXT} becomes a
 * {@link ClusterEvent.Warning} without failing anything.
 *
 * <p>Besides its own variables, every script sees {@code THUNDER_CLUSTER}, {@code THUNDER_ROLE}
 * ({@code master} or {@code slave}), {@code THUNDER_INSTANCE_ID}, {@code THUNDER_PRIVATE_IP},
 * {@code THUNDER_PUBLIC_IP} (empty without one), {@code THUNDER_MASTER_IP} (the master's private
 * address), {@code THUNDER_SLAVES} (their number), {@code THUNDER_HOME} ({@code ~/.thunder-ec2}) and
 * {@code THUNDER_SERVICE_DIR} (where the service's scripts and files are).
 *
 * <p>An argument or environment value that starts with {@code ~/} is relative to the login
 * user's home directory on the node. Arguments and environment values appear in the node's
 * process list: never put a secret there.
 *
 * <pre>{@code
 * ServiceScript.fromResource(MyService.class, "start-my-daemon.sh")
 *     .withEnvironment("MY_PORT", "9000")
 *     .withTimeout(Duration.ofMinutes(2));
 * }</pre>
 */
public final class ServiceScript {
    /** How long a script may run unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final byte[] content;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Duration timeout;

    private ServiceScript(
            String name, byte[] content, List<String> arguments, Map<String, String> environment, Duration timeout) {
        this.name = name;
        this.content = content;
        this.arguments = List.copyOf(arguments);
        this.environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.timeout = timeout;
    }

    /**
     * The resource {@code resource} found relative to {@code anchor} (as
     * {@link Class#getResourceAsStream} finds it); its file name is the script's name.
     *
     * @throws IllegalArgumentException the resource does not exist
     */
    public static ServiceScript fromResource(Class<?> anchor, String resource) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(resource, "resource");
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource '" + resource + "' next to " + anchor.getName());
            }
            return of(fileName(resource), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource '" + resource + "' of " + anchor.getName(), e);
        }
    }

    /** The script in {@code file}, read now; its file name is the script's name. */
    public static ServiceScript fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return of(fileName(file.getFileName().toString()), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service script " + file, e);
        }
    }

    private static ServiceScript of(String name, byte[] content) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a usable script file name (letters, digits, . _ -)");
        }
        return new ServiceScript(name, content, List.of(), Map.of(), DEFAULT_TIMEOUT);
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The same script with these arguments (replacing earlier ones). */
    public ServiceScript withArguments(String... arguments) {
        List<String> list = Arrays.asList(arguments.clone());
        list.forEach(a -> Objects.requireNonNull(a, "argument"));
        return new ServiceScript(name, content, list, environment, timeout);
    }

    /** The same script with {@code variable} set to {@code value} in its environment. */
    public ServiceScript withEnvironment(String variable, String value) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        if (!VARIABLE.matcher(variable).matches()) {
            throw new IllegalArgumentException("'" + variable + "' is not a shell variable name");
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(variable, value);
        return new ServiceScript(name, content, arguments, env, timeout);
    }

    /** The same script with every entry of {@code variables} added to its environment. */
    public ServiceScript withEnvironment(Map<String, String> variables) {
        ServiceScript script = this;
        for (Map.Entry<String, String> e :
                Objects.requireNonNull(variables, "variables").entrySet()) {
            script = script.withEnvironment(e.getKey(), e.getValue());
        }
        return script;
    }

    /** The same script, stopped and failed when it runs longer than {@code timeout}. */
    public ServiceScript withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new ServiceScript(name, content, arguments, environment, timeout);
    }

    /** The file name it is uploaded as. */
    public String name() {
        return name;
    }

    /** The script's bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** Its text (UTF-8). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Its arguments. */
    public List<String> arguments() {
        return arguments;
    }

    /** Its own environment variables (the provisioner adds the {@code THUNDER_*} ones). */
    public Map<String, String> environment() {
        return environment;
    }

    /** How long it may run. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return name + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    }
}
