package org.thunderproject.ec2.cli.options;

import picocli.CommandLine.Option;

/**
 * The key pair options {@code -k} and {@code -i}, accepted before the subcommand (as the seed
 * types them) and after it, as an argument group: null when none is given on that side.
 */
public final class KeyOptions {

    public static final String HEADING = "%nKey pair:%n";

    @Option(
            names = {"-k", "--key-pair"},
            paramLabel = "KEY_PAIR",
            description = "Name of the EC2 key pair the nodes accept (required to launch).")
    public String keyPair;

    @Option(
            names = {"-i", "--identity-file"},
            paramLabel = "FILE",
            description = "Private key of that key pair (like ~/mykey.pem; chmod 600).")
    public String identityFile;
}
