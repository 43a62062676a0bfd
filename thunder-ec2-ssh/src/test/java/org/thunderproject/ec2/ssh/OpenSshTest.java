package org.thunderproject.ec2.ssh;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.thunderproject.ec2.ssh.testing.OpenSshServer;
import org.thunderproject.ec2.ssh.testing.TestServer;

/**
 * The SSH contract against a real OpenSSH sshd (what EC2 instances run), started by the test on
 * loopback. Skipped only where sshd is not installed.
 */
class OpenSshTest extends SshContractTest {

    @BeforeAll
    static void requireSshd() {
        Assumptions.assumeTrue(
                OpenSshServer.sshd().isPresent(),
                "OpenSSH sshd is not installed (apt-get install openssh-server): skipping the OpenSSH tests");
    }

    @Override
    public Object newHostKey() {
        return OpenSshServer.newHostKey(tmp());
    }

    @Override
    public TestServer startServer(String address, int port, Object hostKey) {
        return OpenSshServer.start(tmp(), address, port, (java.nio.file.Path) hostKey);
    }

    @Override
    public String address(int n) {
        return "127.77.3." + n;
    }

    @Override
    public String user() {
        return System.getProperty("user.name");
    }
}
