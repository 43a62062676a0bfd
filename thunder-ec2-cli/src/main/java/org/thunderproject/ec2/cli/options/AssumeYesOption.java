package org.thunderproject.ec2.cli.options;

import picocli.CommandLine.Option;

/** {@code -y/--assume-yes} for commands that ask before losing data. */
public final class AssumeYesOption {

    @Option(
            names = {"-y", "--assume-yes"},
            description =
                    "Do not ask for confirmation (for scripts; without it and without a terminal the command refuses).")
    public boolean assumeYes;
}
