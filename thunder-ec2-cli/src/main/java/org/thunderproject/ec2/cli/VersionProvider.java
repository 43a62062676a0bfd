package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version, from a file Maven filters at build time. */
public final class VersionProvider implements IVersionProvider {

    // Read once: picocli asks again for every subcommand, which inherits the root's provider.
    private String[] version;

    @Override
    public String[] getVersion() throws IOException {
        if (version == null) {
            version = read();
        }
        return version.clone();
    }

    private static String[] read() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "thunder-ec2 " + properties.getProperty("version", "(unknown version)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
