package org.thunderproject.ec2.ssh.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Terminal-like input: yields a script, then blocks (a terminal never reaches end-of-file) until
 * closed.
 */
public final class ScriptedInput extends InputStream {
    private final byte[] script;
    private final CountDownLatch closed = new CountDownLatch(1);
    private int pos;

    public ScriptedInput(String script) {
        this.script = script.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        synchronized (this) {
            if (pos < script.length) {
                int n = Math.min(len, script.length - pos);
                System.arraycopy(script, pos, b, off, n);
                pos += n;
                return n;
            }
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
