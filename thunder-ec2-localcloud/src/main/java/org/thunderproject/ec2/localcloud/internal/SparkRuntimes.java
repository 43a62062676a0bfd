package org.thunderproject.ec2.localcloud.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** Finds the Spark runtime tarball the build makes. */
public final class SparkRuntimes {
    private static final String TARGET = "thunder-ec2-spark-runtime/target";
    private static final int PARENTS = 3;

    private SparkRuntimes() {}

    /**
     * {@code property} when set (it must name a file), else the newest
     * {@code thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz} under {@code start} or one of
     * its first parents.
     */
    public static Optional<Path> find(String property, Path start) {
        if (property != null && !property.isBlank()) {
            Path file = Path.of(property);
            return Files.isRegularFile(file) ? Optional.of(file.toAbsolutePath()) : Optional.empty();
        }
        Path dir = start;
        for (int i = 0; i <= PARENTS && dir != null; i++, dir = dir.getParent()) {
            Optional<Path> found = newest(dir.resolve(TARGET));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newest(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        Path best = null;
        FileTime bestTime = null;
        try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(target, "spark-*-bin-thunder.tgz")) {
            for (Path tarball : tarballs) {
                FileTime time = Files.getLastModifiedTime(tarball);
                if (Files.isRegularFile(tarball) && (bestTime == null || time.compareTo(bestTime) > 0)) {
                    best = tarball;
                    bestTime = time;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the Spark runtime in " + target, e);
        }
        return Optional.ofNullable(best).map(Path::toAbsolutePath);
    }
}
