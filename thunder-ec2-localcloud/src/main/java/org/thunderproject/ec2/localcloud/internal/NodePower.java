package org.thunderproject.ec2.localcloud.internal;

/**
 * Where an {@link InstanceRuntime} sends what an instance's own operating system asks of the
 * cloud: a node that runs {@code shutdown -h now} or {@code reboot} changes only its own instance,
 * as on EC2. Calls may come from any thread and return quickly.
 */
public interface NodePower {

    /** The instance shut itself down; the cloud applies its instance-initiated shutdown behaviour. */
    void shutdown(String instanceId);

    /** The instance rebooted itself; it stays running on the same addresses. */
    void reboot(String instanceId);
}
