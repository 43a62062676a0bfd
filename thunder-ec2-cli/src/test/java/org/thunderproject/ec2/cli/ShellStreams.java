package org.thunderproject.ec2.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a test types into a remote shell and what it sees come back, with waits on conditions. */
public final class ShellStreams {

    private final LinkedBlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    /** Sends {@code text} to the shell. */
    void type(String text) {
        typed.add(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything the shell printed so far. */
    String transcript() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the shell printed {@code text}; fails with the transcript after {@code timeout}. */
    void await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the shell did not print '" + text + "' within " + timeout
                            + "; it printed:\n" + seen.toString(StandardCharsets.UTF_8));
                }
                TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
        }
    }

    /** The shell's standard input; it never ends (the shell ends with 'exit'). */
    InputStream input() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == current.length) {
                    try {
                        current = typed.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while waiting for input");
                    }
                    position = 0;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** The shell's output (its stderr arrives here too). */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (seen) {
                    seen.write(bytes, offset, length);
                    seen.notifyAll();
                }
            }
        };
    }
}
