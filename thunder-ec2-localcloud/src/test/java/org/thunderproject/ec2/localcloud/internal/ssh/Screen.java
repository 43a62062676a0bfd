package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects what a channel prints; safe to read while the channel writes. */
final class Screen extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
