/**
 * An embedded EC2-compatible cloud for tests, demos and development: {@link
 * org.thunderproject.ec2.localcloud.LocalCloud} serves the EC2 Query API on loopback, {@link
 * org.thunderproject.ec2.localcloud.Faults} injects what EC2 does on a bad day, {@link
 * org.thunderproject.ec2.localcloud.LocalCloudExtension} gives each JUnit 5 test class its own
 * cloud, and {@link org.thunderproject.ec2.localcloud.LocalCloudServer} runs it standalone.
 */
package org.thunderproject.ec2.localcloud;
