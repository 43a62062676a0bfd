package org.thunderproject.ec2.internal.nodes;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.KnownHosts;

/**
 * How a slave with an SSH session of its own tells the master, so that a session on any node
 * keeps the whole cluster up, with no cloud credentials on the nodes and host keys verified.
 *
 * <p>Each time autostop is set on a cluster with slaves, a fresh ed25519 <em>reporter</em> key
 * pair is made here. Its public key goes into the master's {@code ~/.ssh/authorized_keys} as
 * {@code restrict,command="sh ~/.thunder-ec2/autostop/autostop-report.sh" … }{@value #MARKER}
 * (replacing an older such line): sshd runs that script whatever the client asks, with no PTY
 * and no forwarding, and the script only touches {@code peers/ID} for a well-formed instance id.
 * The private key goes to each slave ({@value #DIRECTORY}, 0700, key 0600), with the master's host
 * key from thunder-ec2's {@code known_hosts} (under the master's instance id, checked with {@code
 * HostKeyAlias} and {@code StrictHostKeyChecking yes}) and an {@code ssh_config} for host {@value
 * #HOST}. Cancelling autostop (or a cluster without slaves) removes the line and the keys.
 *
 * <p>A setting replaces the key on every node at once, so a path that adds slaves to a cluster
 * with autostop sets it again on all present nodes, or the new slaves have no key to report with.
 */
final class AutostopReporter {
    /** The reporter's directory on a slave, relative to the home directory. */
    static final String DIRECTORY = AutostopAgents.DIRECTORY + "/reporter";

    /** The comment that marks the reporter's line in the master's {@code authorized_keys}. */
    static final String MARKER = "thunder-ec2-autostop-reporter";

    /** The master's name in the slaves' reporter {@code ssh_config}. */
    static final String HOST = "thunder-ec2-master";

    /** What the reporter key runs on the master, whatever the client asks. */
    static final String FORCED_COMMAND = "sh ~/" + AutostopAgents.DIRECTORY + "/autostop-report.sh";

    private final NodeRecord master;
    private final String user;
    private final int port;
    private final KnownHosts knownHosts;
    private final String publicKey; // empty: no reporter (cancelled, or no slaves)
    private final String privateKey;

    private AutostopReporter(
            NodeRecord master, String user, int port, KnownHosts knownHosts, String publicKey, String privateKey) {
        this.master = master;
        this.user = user;
        this.port = port;
        this.knownHosts = knownHosts;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * The reporter for setting ({@code autostop} true) or cancelling autostop on {@code nodes}, the
     * cluster's present nodes; a new key pair when it is set and there are slaves.
     */
    static AutostopReporter of(
            List<NodeRecord> nodes, NodeRecord master, String user, int port, KnownHosts knownHosts, boolean autostop) {
        Objects.requireNonNull(master, "master");
        boolean slaves = nodes.stream().anyMatch(n -> !n.id().equals(master.id()));
        if (!autostop || !slaves) {
            return new AutostopReporter(master, user, port, knownHosts, "", "");
        }
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            String publicKey = "ssh-ed25519 "
                    + Base64.getEncoder().encodeToString(OpenSSHPublicKeyUtil.encodePublicKey(pair.getPublic()));
            writer.writeObject(
                    new PemObject("OPENSSH PRIVATE KEY", OpenSSHPrivateKeyUtil.encodePrivateKey(pair.getPrivate())));
            writer.flush();
            return new AutostopReporter(master, user, port, knownHosts, publicKey, pem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master's {@code authorized_keys} line for the reporter key. */
    String authorizedKeysLine() {
        return "restrict,command=\"" + FORCED_COMMAND + "\" " + publicKey + " " + MARKER;
    }

    /** Shell text (for {@code sh -s}, before the agent's installer) that sets up or removes the reporter on {@code node}. */
    String script(NodeRecord node) {
        String body;
        if (node.id().equals(master.id())) {
            body = masterScript();
        } else if (publicKey.isEmpty()) {
            body = "rm -rf \"$HOME\"/" + DIRECTORY + "\n";
        } else {
            body = slaveScript();
        }
        // A subshell, so its set -e and umask stay out of the installer that follows; not on the left
        // of ||, where the shell would ignore set -e inside it.
        return "(\n" + body + ")\n[ $? -eq 0 ] || exit 1\n";
    }

    /** Replaces the reporter's line (keeping every other line as it is), or removes it. */
    private String masterScript() {
        StringBuilder s = new StringBuilder("set -e\numask 077\nmkdir -p \"$HOME\"/.ssh\n")
                .append("f=\"$HOME\"/.ssh/authorized_keys\n")
                .append("touch \"$f\"\n");
        String others = "grep -v -e ' " + MARKER + "$' \"$f\" > \"$f.thunder-ec2.new\" || [ $? -eq 1 ]\n";
        if (publicKey.isEmpty()) {
            return s.append("if grep -q -e ' ")
                    .append(MARKER)
                    .append("$' \"$f\"; then\n")
                    .append(others)
                    .append("mv -f \"$f.thunder-ec2.new\" \"$f\"\nfi\n")
                    .append("rm -rf \"$HOME\"/")
                    .append(AutostopAgents.DIRECTORY)
                    .append("/peers\n")
                    .toString();
        }
        // grep fails (status 2) on a read error: set -e stops before anything is replaced.
        return s.append(others)
                .append("printf '%s\\n' ")
                .append(ShellFiles.quote(authorizedKeysLine()))
                .append(" >> \"$f.thunder-ec2.new\"\n")
                .append("mv -f \"$f.thunder-ec2.new\" \"$f\"\n")
                .toString();
    }

    private String slaveScript() {
        List<String> masterKey = knownHosts.knownHostsLines(master.id());
        if (masterKey.isEmpty()) {
            throw new IllegalStateException("the master's host key (" + master.id() + ") is not in " + knownHosts.file()
                    + ": reach the master over SSH once before setting autostop");
        }
        String address = master.instance()
                .privateIp()
                .orElseThrow(() -> new IllegalStateException("master " + master.id() + " has no private address"));
        StringBuilder s = new StringBuilder("set -e\numask 077\nd=\"$HOME\"/" + DIRECTORY + "\n")
                .append("mkdir -p \"$d\"\nchmod 700 \"$d\"\n");
        ShellFiles.replace(s, "\"$d\"", "id_ed25519", privateKey);
        ShellFiles.replace(s, "\"$d\"", "known_hosts", String.join("\n", masterKey) + "\n");
        s.append("{\n");
        for (String line : List.of(
                "# thunder-ec2 autostop reporter: tells the master of this cluster that this slave has an SSH session.",
                "Host " + HOST,
                "  HostName " + address,
                "  Port " + port,
                "  User " + user,
                "  HostKeyAlias " + master.id(),
                "  StrictHostKeyChecking yes",
                "  GlobalKnownHostsFile /dev/null",
                "  CheckHostIP no",
                "  UpdateHostKeys no",
                "  BatchMode yes",
                "  PreferredAuthentications publickey",
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  ClearAllForwardings yes",
                "  ForwardAgent no",
                "  ForwardX11 no",
                "  RequestTTY no",
                "  ConnectTimeout 10",
                "  LogLevel ERROR")) {
            s.append("printf '%s\\n' ").append(ShellFiles.quote(line)).append('\n');
        }
        s.append("printf '  IdentityFile \"%s\"\\n' \"$d/id_ed25519\"\n")
                .append("printf '  UserKnownHostsFile \"%s\"\\n' \"$d/known_hosts\"\n")
                .append("} > \"$d/ssh_config.new\"\nmv -f \"$d/ssh_config.new\" \"$d/ssh_config\"\n");
        return s.toString();
    }
}
