/**
 * SSH transport for thunder-ec2 (over SSHJ): knows hosts, keys and ports, not clusters or EC2.
 *
 * <p>Start with {@link org.thunderproject.ec2.ssh.Ssh}: one {@link
 * org.thunderproject.ec2.ssh.Identity} (the key pair) and one {@link
 * org.thunderproject.ec2.ssh.KnownHosts} store (host keys by host id, e.g. instance id). Describe
 * hosts with {@link org.thunderproject.ec2.ssh.SshTarget}.
 *
 * <pre>{@code
 * Ssh ssh = Ssh.create(Identity.fromFile(keyFile), KnownHosts.in(thunderHome));
 * List<SshTarget> nodes = ...; // SshTarget.of(ip, 22, "ec2-user").withHostId(instanceId)
 *                              //   .withExpectedHostKeys(HostKeyFingerprints.fromConsoleOutput(console))
 *
 * // Wait until every node accepts SSH (refused / timed out / key rejected are retried).
 * ssh.awaitReady(nodes, BatchOptions.defaults().withReadyTimeout(Duration.ofMinutes(5)))
 *    .requireAllSucceeded();
 *
 * // The same command everywhere, 32 at a time, a result or an error per host.
 * BatchResult<ExecResult> r = ssh.execAll(nodes, Exec.of("hostname"), BatchOptions.defaults());
 *
 * // One host: commands, files, secrets, forwards, an interactive shell.
 * try (SshSession s = ssh.connect(master)) {
 *   s.exec(Exec.of("make").withTimeout(Duration.ofMinutes(5)).onStdoutLine(line -> log.info(line)))
 *       .requireSuccess();
 *   s.upload(Path.of("conf"), "/opt/spark/conf");
 *   s.writeSecret(".aws/credentials", credentials);
 *   try (PortForward f = s.forward(LocalForward.of(8888, 8888))) { ... }
 * }
 * int status = ssh.login(master, ShellOptions.defaults().withForward(LocalForward.parse("8888:8888")),
 *     System.in, System.out);
 * String paste = ssh.commandLine(master).toString(); // ssh -i … -o HostKeyAlias=i-… user@host
 * }</pre>
 *
 * <p>Every failure is an unchecked {@link org.thunderproject.ec2.ssh.SshException} whose message
 * names the host and says what to do; none carries key material, passphrases or file contents.
 */
package org.thunderproject.ec2.ssh;
