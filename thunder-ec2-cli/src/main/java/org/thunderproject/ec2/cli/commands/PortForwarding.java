package org.thunderproject.ec2.cli.commands;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The seed's {@code --ssh-port-forwarding LOCAL:REMOTE}: {@code localhost:LOCAL} here reaches
 * port REMOTE on the master's loopback while the session lasts.
 */
public record PortForwarding(int localPort, int remotePort) {

    /** Parses {@code L:R} for picocli; a bad value is a usage error (exit code 2). */
    static final class Converter implements ITypeConverter<PortForwarding> {
        @Override
        public PortForwarding convert(String value) {
            return parse(value);
        }
    }

    /** {@code "8888:8888"}; both ports 1 to 65535. */
    static PortForwarding parse(String value) {
        String[] parts = value.trim().split(":", -1);
        if (parts.length != 2) {
            throw new TypeConversionException("'" + value + "' is not LOCAL_PORT:REMOTE_PORT, like 8888:8888");
        }
        return new PortForwarding(port(parts[0], "local", value), port(parts[1], "remote", value));
    }

    private static int port(String text, String which, String value) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new TypeConversionException("'" + value + "': the " + which + " port must be a number from 1 to 65535"
                    + " (LOCAL_PORT:REMOTE_PORT, like 8888:8888)");
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return localPort + ":" + remotePort;
    }
}
