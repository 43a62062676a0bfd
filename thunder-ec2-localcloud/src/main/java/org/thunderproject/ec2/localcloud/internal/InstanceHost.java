package org.thunderproject.ec2.localcloud.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an {@link InstanceRuntime} needs to host one instance.
 *
 * @param instanceId the EC2 instance id
 * @param publicAddress its current public address (a loopback address; changes on stop/start)
 * @param privateAddress its private address (a loopback address; kept across stop/start)
 * @param sshPort the port its SSH server listens on, on both addresses
 * @param user the login user that the key pair's key admits
 * @param authorizedKey the key pair's public key, in OpenSSH {@code authorized_keys} format
 *     ({@code ssh-rsa AAAA…}); null when the instance was launched without a key pair
 * @param directory the instance's own directory (its root file system); HOME is {@code directory/home}
 */
public record InstanceHost(
        String instanceId,
        String publicAddress,
        String privateAddress,
        int sshPort,
        String user,
        String authorizedKey,
        Path directory) {

    /** Checks the required parts. */
    public InstanceHost {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(privateAddress, "privateAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(directory, "directory");
    }
}
