package org.thunderproject.ec2.cli.options;

import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.ThunderEc2Command;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand's way to the invocation it runs in (the root command's options, config file and
 * terminal), mixed in with {@code @Mixin} instead of a {@code @ParentCommand} in every command.
 */
@Command
public final class Invocation {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** What the subcommands of this invocation share. */
    public CliContext context() {
        return of(mixee);
    }

    /** The context of the invocation {@code command} belongs to. */
    static CliContext of(CommandSpec command) {
        return ((ThunderEc2Command) command.root().userObject()).context();
    }
}
