package org.thunderproject.ec2.cli.options;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.thunderproject.ec2.cli.CommandFailure;

/**
 * What a running {@code thunder-ec2 local-cloud} tells the other invocations on this machine, in
 * {@code ~/.thunder-ec2/local-cloud-PORT.properties} (0600, removed when it stops): its nodes' SSH
 * port and the URL of the Spark runtime it serves, which {@code --local} commands take as their
 * defaults. A file left by a cloud that died is harmless: nothing answers on its port.
 */
public final class LocalCloudFile {

    /** What the cloud on one port advertises. */
    public record Advertised(int sshPort, Optional<String> sparkUrl) {}

    private static final String SSH_PORT = "ssh-port";
    private static final String SPARK_URL = "spark-url";

    private LocalCloudFile() {}

    /** The file of the cloud at {@code endpoint}, in the CLI's directory {@code thunderHome}. */
    public static Path path(Path thunderHome, URI endpoint) {
        return path(thunderHome, endpoint.getPort());
    }

    /** The file of the cloud on {@code port}, in the CLI's directory {@code thunderHome}. */
    public static Path path(Path thunderHome, int port) {
        return thunderHome.resolve("local-cloud-" + port + ".properties");
    }

    /** Writes the file of the cloud on {@code port} (atomically, 0600); the caller deletes it on exit. */
    public static Path write(Path thunderHome, int port, Advertised advertised) {
        Path file = path(thunderHome, port);
        Properties properties = new Properties();
        properties.setProperty(SSH_PORT, Integer.toString(advertised.sshPort()));
        advertised.sparkUrl().ifPresent(url -> properties.setProperty(SPARK_URL, url));
        try {
            PrivateDirectory.create(file.getParent());
            Path temporary = Files.createTempFile(
                    file.getParent(),
                    "local-cloud-",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "thunder-ec2 local-cloud on 127.0.0.1:" + port + "; removed when it stops");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** What the cloud at {@code endpoint} advertised; empty when it wrote nothing (a cloud in a test JVM). */
    public static Optional<Advertised> read(Path thunderHome, URI endpoint) {
        Path file = path(thunderHome, endpoint);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure(
                    "cannot read " + file + " (" + e.getMessage() + "), which the local cloud wrote:"
                            + " restart 'thunder-ec2 local-cloud', or delete the file",
                    e);
        }
        String sshPort = properties.getProperty(SSH_PORT, "");
        if (!sshPort.matches("\\d{1,5}")) {
            throw new CommandFailure(file + " has no valid " + SSH_PORT
                    + ": restart 'thunder-ec2 local-cloud', or delete" + " the file");
        }
        return Optional.of(new Advertised(
                Integer.parseInt(sshPort),
                Optional.ofNullable(properties.getProperty(SPARK_URL)).filter(url -> !url.isBlank())));
    }
}
