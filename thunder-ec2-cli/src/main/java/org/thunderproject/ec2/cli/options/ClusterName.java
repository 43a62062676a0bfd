package org.thunderproject.ec2.cli.options;

import org.thunderproject.ec2.cli.CliContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code NAME} every cluster command takes first, with the invocation it belongs to: mixed
 * into a command with {@code @Mixin}.
 */
public final class ClusterName {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
    String name;

    /** The cluster's name as typed. */
    public String name() {
        return name;
    }

    /** What the subcommands of this invocation share. */
    public CliContext context() {
        return Invocation.of(mixee);
    }
}
