/**
 * The local cloud's SSH runtime: every instance is a real SSH host (Apache MINA SSHD) on its own
 * loopback addresses, running commands and login shells with bash in the instance's directory, with SFTP,
 * PTY shells and local port forwarding. Entry point: {@link
 * org.thunderproject.ec2.localcloud.internal.ssh.SshInstanceRuntime}.
 */
package org.thunderproject.ec2.localcloud.internal.ssh;
