package org.thunderproject.ec2.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.PreflightException;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.CommandFailure;
import org.thunderproject.ec2.cli.ErrorReporter;
import org.thunderproject.ec2.cli.ExitCodes;
import org.thunderproject.ec2.cli.options.AutostopOption;
import org.thunderproject.ec2.cli.options.ClusterName;
import org.thunderproject.ec2.cli.options.IdentityFiles;
import org.thunderproject.ec2.cli.options.KeyOptions;
import org.thunderproject.ec2.cli.options.LaunchOptions;
import org.thunderproject.ec2.cli.options.ReadyTimeoutOption;
import org.thunderproject.ec2.cli.output.ProgressView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code launch NAME [--resume]}: a new cluster, or the rest of a launch that stopped halfway. */
@Command(
        name = "launch",
        description = {
            "Launch a new cluster (or complete one with --resume).",
            "",
            "A master and -s slaves, in security groups NAME-master and NAME-slaves that",
            "admit your own address only (see --authorized-address). With --resume, a",
            "launch that was interrupted or failed is completed: only what is missing is",
            "created."
        },
        footer = {"", "Example:", "  thunder-ec2 -k mykey -i ~/mykey.pem -s 2 launch mycluster"})
public final class LaunchCommand implements Callable<Integer> {

    @Mixin
    ClusterName target;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Mixin
    AutostopOption autostop;

    @Option(names = "--resume", description = "Complete an earlier launch of NAME instead of starting a new one.")
    public boolean resume;

    @Option(
            names = "--until",
            paramLabel = "PHASE",
            description = "Stop after this phase: ${COMPLETION-CANDIDATES} (default: all of them).")
    LaunchPhase until;

    @ArgGroup(validate = false, order = 1, heading = KeyOptions.HEADING)
    KeyOptions keys;

    @ArgGroup(validate = false, order = 2, heading = LaunchOptions.HEADING)
    LaunchOptions launch;

    /** The spec this command line launches; checks everything local, touches no cloud. */
    public ClusterSpec spec() {
        ClusterSpec spec = IdentityFiles.require(
                autostop.applyTo(readyTimeout.applyTo(target.context().spec(target.name(), keys, launch))), "launch");
        target.context().requireLocalSparkSource(spec, until);
        return spec;
    }

    @Override
    public Integer call() {
        ClusterSpec spec = spec();
        CliContext context = target.context();
        AutostopOption.warning(spec, context.hints().destroy(target.name()))
                .ifPresent(context.terminal().err()::println);
        PrintWriter out = context.terminal().out();
        ClusterDescription launched;
        List<String> ready;
        // Past the preflight checks something may exist in the cloud: then say how to finish or remove it.
        AtomicBoolean creating = new AtomicBoolean();
        try (ThunderEc2 thunder = context.connect();
                ProgressView progress = context.progress()) {
            Cluster cluster = thunder.cluster(spec).addListener(progress).addListener(event -> {
                if (event instanceof ClusterEvent.StepStarted started
                        && started.step() != ClusterEvent.Step.PREFLIGHT) {
                    creating.set(true);
                }
            });
            try {
                if (until == null) {
                    launched = resume ? cluster.resume() : cluster.launch();
                } else {
                    launched = resume ? cluster.resume(until) : cluster.launch(until);
                }
            } catch (OperationInterruptedException e) {
                throw Interruptions.report(
                        thunder,
                        context,
                        target.name(),
                        "the launch of cluster '" + target.name() + "'",
                        Optional.of(new String[] {"launch", target.name(), "--resume"}),
                        e);
            } catch (ThunderEc2Exception e) {
                if (!creating.get() || e instanceof InvalidSpecException || e instanceof PreflightException) {
                    throw e;
                }
                throw new CommandFailure(
                        ErrorReporter.message(e) + " -- the cluster may be half-launched: "
                                + context.hints().resume(target.name()) + " completes it, "
                                + context.hints().destroy(target.name()) + " removes it",
                        e);
            }
            ready = ReadyLines.of(cluster, launched, until, context.hints());
        }
        out.println("Cluster successfully launched!");
        ready.forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
