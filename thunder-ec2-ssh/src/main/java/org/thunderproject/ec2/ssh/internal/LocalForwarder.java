package org.thunderproject.ec2.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * A local port forward over direct-tcpip channels, with its own threads (one acceptor, two per
 * connection) so that close() can end every one of them, which sshj's own forwarder cannot.
 */
public final class LocalForwarder implements PortForward {
    private static final Logger LOG = LoggerFactory.getLogger(LocalForwarder.class);
    private static final long JOIN_MILLIS = 2000;

    private final SSHClient client;
    private final SshTarget target;
    private final LocalForward spec;
    private final ServerSocket server;
    private final Thread acceptor;
    private final String name;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean closed;

    private LocalForwarder(SSHClient client, SshTarget target, LocalForward spec, ServerSocket server) {
        this.client = client;
        this.target = target;
        this.spec = spec;
        this.server = server;
        this.name = "thunder-ssh-forward-" + server.getLocalPort();
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
    }

    /** Binds and starts accepting; fails clearly when the local port is taken. */
    public static LocalForwarder open(SSHClient client, SshTarget target, LocalForward spec) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(spec.bindAddress(), spec.localPort()), 64);
        } catch (BindException e) {
            closeQuietly(server);
            throw new SshException(
                    target,
                    "Cannot forward " + spec.bindAddress() + ":" + spec.localPort() + ": the address is in use"
                            + " or not local (choose another local port, or 0 for any free one)",
                    e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new SshException(
                    target,
                    "Cannot listen on " + spec.bindAddress() + ":" + spec.localPort() + ": " + e.getMessage(),
                    e);
        }
        LocalForwarder f = new LocalForwarder(client, target, spec, server);
        f.acceptor.start();
        LOG.debug("Forwarding {} to {}:{} via {}", f.localAddress(), spec.remoteHost(), spec.remotePort(), target);
        return f;
    }

    @Override
    public LocalForward spec() {
        return spec;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return !closed && client.isConnected();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (Link link : links) {
            link.close();
        }
        joinThread(acceptor);
        for (Link link : links) {
            link.join();
        }
        LOG.debug("Closed forward {}", name);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Port forward {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            Link link = new Link(socket, counter.incrementAndGet());
            links.add(link);
            if (closed) {
                link.close();
            } else {
                link.start();
            }
        }
    }

    /** One forwarded connection: socket to channel on one thread, channel to socket on another. */
    private final class Link {
        private final Socket socket;
        private final Thread up;
        private volatile Thread down;
        private volatile DirectConnection channel;

        Link(Socket socket, int n) {
            this.socket = socket;
            this.up = new Thread(this::run, name + "-" + n + "-up");
            up.setDaemon(true);
        }

        void start() {
            up.start();
        }

        private void run() {
            try {
                channel = client.newDirectConnection(spec.remoteHost(), spec.remotePort());
                if (closed) {
                    return;
                }
                DirectConnection ch = channel;
                down = Threads.start(up.getName().replace("-up", "-down"), () -> copyDown(ch));
                copy(socket.getInputStream(), ch.getOutputStream());
                ch.getOutputStream().close(); // EOF to the remote side; the reply may still come.
                joinThread(down);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug(
                            "Forwarded connection to {}:{} via {} ended: {}",
                            spec.remoteHost(),
                            spec.remotePort(),
                            target,
                            e.toString());
                }
            } finally {
                close();
                // When the upload side failed, the download side may still be running: end it before this
                // link leaves the set that close() joins, so no forward thread outlives its forward.
                Thread d = down;
                if (d != null) {
                    joinThread(d);
                }
                links.remove(this);
            }
        }

        private void copyDown(DirectConnection ch) {
            try {
                copy(ch.getInputStream(), socket.getOutputStream());
                socket.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                LOG.trace("Forwarded connection (down) ended", e);
                close();
            }
        }

        void close() {
            closeQuietly(socket);
            DirectConnection ch = channel;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException | RuntimeException e) {
                    LOG.trace("Closing a forwarded channel", e);
                }
            }
        }

        void join() {
            joinThread(up);
            Thread d = down;
            if (d != null) {
                joinThread(d);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    private static void joinThread(Thread t) {
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(JOIN_MILLIS);
            if (t.isAlive()) {
                LOG.warn("Thread {} did not end within {} ms", t.getName(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.trace("close", e);
        }
    }
}
