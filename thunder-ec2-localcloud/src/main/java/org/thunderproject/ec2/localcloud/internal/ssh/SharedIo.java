package org.thunderproject.ec2.localcloud.internal.ssh;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.AbstractIoServiceFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;

/**
 * The network I/O of all instance servers: one NIO2 channel group (the JDK gives each group an
 * internal poller thread it does not let us name, so one group instead of one per instance) and
 * one pool of named daemon threads ({@code sshd-thunder-localcloud-ssh-nio-thread-N}). Each server
 * gets a factory whose close leaves the shared group alone; its acceptor is still its own and
 * closes with it.
 */
final class SharedIo implements AutoCloseable {

    private final CloseableExecutorService threads = ThreadUtils.newCachedThreadPool("thunder-localcloud-ssh-nio");
    private final Nio2ServiceFactory shared;

    SharedIo() {
        // The socket-level settings come from this template, so it carries the servers' I/O settings.
        SshServer template = SshServer.setUpDefaultServer();
        NodeServer.ioSettings(template);
        this.shared = new Nio2ServiceFactory(template, ThreadUtils.noClose(threads), ThreadUtils.noClose(threads));
    }

    /** What each server is given instead of its own I/O factory. */
    IoServiceFactoryFactory factoryFactory() {
        return new IoServiceFactoryFactory() {
            @Override
            public IoServiceFactory create(FactoryManager manager) {
                return new ServerIo(manager);
            }

            @Override
            public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
                // the shared pool is used, always
            }
        };
    }

    @Override
    public void close() {
        shared.close(true);
        threads.shutdownNow();
    }

    /** One server's view of the shared I/O; closing it closes nothing shared. */
    private final class ServerIo extends AbstractIoServiceFactory {
        ServerIo(FactoryManager manager) {
            super(manager, ThreadUtils.noClose(threads));
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return shared.createConnector(handler);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return shared.createAcceptor(handler);
        }
    }
}
