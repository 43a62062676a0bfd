package org.thunderproject.ec2.cli.options;

import java.nio.file.Files;
import java.nio.file.Path;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.cli.UsageException;

/** Commands that reach the nodes over SSH need the key pair's private key; checked before any cloud call. */
public final class IdentityFiles {

    private IdentityFiles() {}

    /**
     * {@code spec} when it names a key pair whose private key file exists.
     *
     * @param command what needs it, like "login"
     * @throws UsageException naming the options that are missing or wrong
     */
    public static ClusterSpec require(ClusterSpec spec, String command) {
        if (spec.keyName().isEmpty() || spec.identityFile().isEmpty()) {
            throw new UsageException(command + " needs the key pair: give -k KEY_PAIR -i FILE (or key-pair and"
                    + " identity-file in the config file)");
        }
        Path identityFile = spec.identityFile().get();
        if (!Files.isRegularFile(identityFile)) {
            throw new UsageException("-i/--identity-file: " + identityFile + " does not exist; give the private"
                    + " key file of key pair '" + spec.keyName().get() + "' (the .pem EC2 gave you)");
        }
        return spec;
    }
}
