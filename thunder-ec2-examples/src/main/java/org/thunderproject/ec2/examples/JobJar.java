package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jar a Spark job ships to its executors: the jar its class was loaded from, or, when it was
 * loaded from a class directory (an IDE, Maven's test phase), a temporary jar of that directory,
 * deleted on {@link #close()}.
 */
final class JobJar implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private JobJar(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** The jar holding {@code jobClass}. */
    static JobJar of(Class<?> jobClass) {
        Objects.requireNonNull(jobClass, "jobClass");
        CodeSource source = jobClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + jobClass.getName() + " was loaded from");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad code source " + source.getLocation(), e);
        }
        if (Files.isRegularFile(location)) {
            return new JobJar(location, false);
        }
        try {
            Path jar = Files.createTempFile("thunder-spark-job-", ".jar");
            try {
                writeJar(location, jar);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(jar);
                throw e;
            }
            return new JobJar(jar, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package " + location + " as a jar", e);
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jarOut.putNextEntry(new JarEntry(name));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    /** Where the jar is. */
    Path path() {
        return path;
    }

    /** Deletes the jar if this made it. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }
}
