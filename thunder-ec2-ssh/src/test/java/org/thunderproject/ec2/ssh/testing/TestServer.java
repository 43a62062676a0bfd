package org.thunderproject.ec2.ssh.testing;

import java.security.PublicKey;
import org.thunderproject.ec2.ssh.SshTarget;

/** An SSH server started by a test on a loopback address. */
public interface TestServer extends AutoCloseable {
    /** The address it listens on. */
    String host();

    /** The port it listens on. */
    int port();

    /** The user to log in as. */
    String user();

    /** Accepts this key ({@code authorized_keys} line) from now on. */
    void authorize(String authorizedKeyLine);

    /** The server's host key. */
    PublicKey hostKey();

    /**
     * Console output as an EC2 instance prints it, with a cloud-init host key fingerprint block for
     * this server's key, computed by the server side's own tools (not by the code under test).
     */
    String consoleOutput();

    /** Whether shells get a real pseudo-terminal that follows window-change requests. */
    boolean resizablePty();

    /** A target for this server. */
    default SshTarget target() {
        return SshTarget.of(host(), port(), user());
    }

    @Override
    void close();

    /** Wraps one fingerprint line into cloud-init console output, with EC2's "ec2: " prefixes. */
    static String cloudInitConsole(String fingerprintLine) {
        return "[   11.520339] cloud-init[1012]: Cloud-init v. 22.2.2 running 'modules:final'\n"
                + "ec2: \n"
                + "ec2: #############################################################\n"
                + "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: " + fingerprintLine + "\n"
                + "ec2: -----END SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: #############################################################\n"
                + "[   11.912000] cloud-init[1012]: Cloud-init v. 22.2.2 finished\n";
    }
}
