package org.thunderproject.ec2.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one output stream of a remote command to its end: hands complete lines to a listener,
 * keeps the first {@code limit} bytes. It always drains, even after the listener failed, because
 * an unread stream stops the channel's flow and so the command.
 */
final class StreamPump implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Consumer<String> listener;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile boolean truncated;
    private volatile RuntimeException listenerFailure;
    private volatile IOException readFailure;

    StreamPump(InputStream in, Consumer<String> listener, int limit) {
        this.in = in;
        this.listener = listener;
        this.limit = limit;
    }

    @Override
    public void run() {
        byte[] buf = new byte[32 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                keep(buf, n);
                if (listener != null) {
                    split(buf, n);
                }
            }
            if (listener != null && line.size() > 0) {
                emit();
            }
        } catch (IOException e) {
            readFailure = e;
        }
    }

    private void keep(byte[] buf, int n) {
        int room = limit - kept.size();
        if (n > room) {
            truncated = true;
        }
        if (room > 0) {
            kept.write(buf, 0, Math.min(n, room));
        }
    }

    private void split(byte[] buf, int n) {
        int from = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line.write(buf, from, i - from);
                emit();
                from = i + 1;
            } else if (line.size() + (i - from) >= MAX_LINE) {
                line.write(buf, from, i - from);
                emit();
                from = i;
            }
        }
        line.write(buf, from, n - from);
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        if (listenerFailure != null) {
            return;
        }
        try {
            listener.accept(new String(bytes, 0, len, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            listenerFailure = e;
        }
    }

    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    boolean truncated() {
        return truncated;
    }

    RuntimeException listenerFailure() {
        return listenerFailure;
    }

    IOException readFailure() {
        return readFailure;
    }
}
