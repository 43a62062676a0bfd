package org.thunderproject.ec2.tests;

/** The lifecycle against the embedded local cloud: always runs. */
class LocalCloudLifecycleTest extends AbstractLifecycleTest {
  @Override
  Ec2Target createTarget() {
    return new LocalCloudTarget();
  }
}
