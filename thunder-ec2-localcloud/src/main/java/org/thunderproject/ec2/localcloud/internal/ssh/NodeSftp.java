package org.thunderproject.ec2.localcloud.internal.ssh;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SFTP on an instance: the machine's real file system, like a real host, so an absolute remote
 * path means the same to SFTP as to the commands the instance runs (a chroot to the instance
 * directory would make {@code put x /tmp/x} and {@code cat /tmp/x} disagree). Relative paths start
 * at the instance's home, as they start at HOME on a real host. Modes a client sets are applied.
 */
final class NodeSftp extends SftpSubsystemFactory {

    private final Path home;

    NodeSftp(Path home) {
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The file system factory that goes with it: the default file system, home as the user's. */
    static FileSystemFactory fileSystemFactory(Path home) {
        Objects.requireNonNull(home, "home");
        return new FileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) {
                return home;
            }

            @Override
            public FileSystem createFileSystem(SessionContext session) {
                return FileSystems.getDefault();
            }
        };
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        HomeSubsystem subsystem = new HomeSubsystem(channel, this, home);
        getRegisteredListeners().forEach(subsystem::addSftpEventListener);
        return subsystem;
    }

    /** MINA starts SFTP in the JVM's working directory; a host starts it in HOME. */
    private static final class HomeSubsystem extends SftpSubsystem {
        private final Path home;

        HomeSubsystem(ChannelSession channel, SftpSubsystemFactory factory, Path home) {
            super(channel, factory);
            this.home = home;
        }

        @Override
        public void setFileSystem(FileSystem fileSystem) {
            super.setFileSystem(fileSystem);
            defaultDir = home.toAbsolutePath().normalize();
        }
    }
}
