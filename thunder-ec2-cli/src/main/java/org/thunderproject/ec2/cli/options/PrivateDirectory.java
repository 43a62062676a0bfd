package org.thunderproject.ec2.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates the CLI's directories as the library does: 0700, whoever creates them first. */
public final class PrivateDirectory {

    private PrivateDirectory() {}

    /** Creates {@code dir} and any missing parents, each 0700; an existing directory is left as it is. */
    public static Path create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (absolute.getParent() != null) {
            create(absolute.getParent());
        }
        try {
            Files.createDirectory(
                    absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Another process made it meanwhile: theirs, then.
        }
        return absolute;
    }
}
