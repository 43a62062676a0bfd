package org.thunderproject.ec2.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every SSH server a node may run must support, checked against a real server: MINA SSHD
 * (the local cloud's nodes) and OpenSSH (real instances). Servers listen on 127.77.x.y. The tests
 * are the contracts' default methods, grouped by concern; this class is their fixture, and a
 * subclass says how its kind of server starts.
 */
abstract class SshContractTest
        implements ExecContract, LoginContract, HostKeyContract, ForwardAndShellContract, FileTransferContract {

    @TempDir
    Path tmp;

    private KnownHosts knownHosts;
    private Identity identity;
    private Ssh ssh;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() {
        knownHosts = KnownHosts.at(tmp.resolve("thunder-home/known_hosts"));
        identity = Identity.fromKeyPair(TestKeys.ec());
        ssh = Ssh.builder()
                .identity(identity)
                .knownHosts(knownHosts)
                .settings(FAST)
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Override
    public Path tmp() {
        return tmp;
    }

    @Override
    public KnownHosts knownHosts() {
        return knownHosts;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public Ssh ssh() {
        return ssh;
    }

    @Override
    public <T extends AutoCloseable> T closeLater(T c) {
        cleanup.add(c);
        return c;
    }
}
