/**
 * JUnit 5 support for tests that use thunder-ec2, on the local cloud: {@link
 * org.thunderproject.ec2.junit.ThunderEc2Extension} injects a {@code ThunderEc2} bound to the test
 * class's {@code LocalCloud}, and {@link org.thunderproject.ec2.junit.LocalThunderCluster} gives a
 * test class one launched cluster, destroyed after the class.
 */
package org.thunderproject.ec2.junit;
