package org.thunderproject.ec2.internal.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;
import org.thunderproject.ec2.ssh.Exec;
import org.thunderproject.ec2.ssh.ExecResult;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;

/**
 * {@code Cluster.submit}: copies an application to the master's {@code ~/.thunder-ec2/apps/} and
 * runs {@code submit-spark-app.sh} (spark-submit in client mode against the cluster) there over
 * SSH, its output streamed to the options' listeners.
 */
public final class ApplicationSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSubmitter.class);
    private static final String APPS = Provisioner.NODE_HOME + "/apps/";
    private static final String SCRIPT = "submit-spark-app.sh";

    private final ClusterSsh ssh;

    /** Submits over {@code ssh}. */
    public ApplicationSubmitter(ClusterSsh ssh) {
        this.ssh = Objects.requireNonNull(ssh, "ssh");
    }

    /**
     * Checks what can be checked here, before anything touches the cluster.
     *
     * @throws IllegalArgumentException {@code application} is not a readable .jar or .py file
     */
    public static void check(Path application, SubmitOptions options) {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(options, "options");
        if (!Files.isRegularFile(application) || !Files.isReadable(application)) {
            throw new IllegalArgumentException("the application " + application + " is not a readable file");
        }
        String name = application.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jar") && !name.endsWith(".py")) {
            throw new IllegalArgumentException("the application must be a .jar or a .py file, got " + application);
        }
    }

    /** Runs the application with its driver on {@code master} and returns how it ended. */
    public CommandResult submit(NodeRecord master, Path application, SubmitOptions options) {
        check(application, options);
        String remote = APPS + application.getFileName();
        ServiceScript script = BuiltInServices.script(SparkService.NAME, SCRIPT);
        Exec exec = Exec.of(Shell.runScript(APPS + SCRIPT, environment(options), arguments(remote, options)));
        if (options.stdoutListener().isPresent()) {
            exec = exec.onStdoutLine(options.stdoutListener().get());
        }
        if (options.stderrListener().isPresent()) {
            exec = exec.onStderrLine(options.stderrListener().get());
        }
        long start = System.nanoTime();
        try (SshSession session = ssh.connect(master)) {
            session.upload(application, remote);
            session.writeFile(APPS + SCRIPT, script.content(), 0755);
            LOG.info("{}: submitting {} ({})", master.id(), application.getFileName(), options);
            ExecResult result = session.exec(exec);
            return new CommandResult(
                    master.toNode(),
                    result.exitCode(),
                    result.stdout(),
                    result.stderr(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (SshException e) {
            throw ssh.translate(master, e);
        }
    }

    private static Map<String, String> environment(SubmitOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        // In client mode the driver is this JVM: its heap is set when it starts, not by --conf.
        String memory = options.conf().get("spark.driver.memory");
        if (memory != null) {
            env.put("SPARK_DRIVER_MEMORY", memory);
        }
        return env;
    }

    private static List<String> arguments(String remote, SubmitOptions options) {
        List<String> args = new ArrayList<>();
        options.mainClass().ifPresent(c -> {
            args.add("--class");
            args.add(c);
        });
        options.conf().forEach((key, value) -> {
            args.add("--conf");
            args.add(key + "=" + value);
        });
        args.add(remote);
        args.addAll(options.arguments());
        return args;
    }
}
