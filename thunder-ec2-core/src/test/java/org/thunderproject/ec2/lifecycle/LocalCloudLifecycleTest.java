package org.thunderproject.ec2.lifecycle;

/** The lifecycle against the embedded local cloud: always runs. */
class LocalCloudLifecycleTest extends AbstractLifecycleTest {
    @Override
    Ec2Target createTarget() {
        return new LocalCloudTarget();
    }
}
