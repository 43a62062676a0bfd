package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's stdout or stderr as a named pipe that the runtime, not the JDK, reads. The JDK
 * closes a child's output pipes as soon as the child exits, which would cut off (and SIGPIPE) a
 * background job still writing to the session; sshd instead reads until EOF, i.e. until the last
 * writer, background jobs included, has closed it. We open the FIFO read-write first (so opening
 * never blocks and no EOF comes before the command has even started), then read-only for reading,
 * and drop the read-write end when the command's process has exited.
 */
final class OutputFifo implements AutoCloseable {

    private final Path path;
    private final RandomAccessFile keeper;
    private final InputStream reader;

    private OutputFifo(Path path, RandomAccessFile keeper, InputStream reader) {
        this.path = path;
        this.keeper = keeper;
        this.reader = reader;
    }

    /** Creates FIFOs {@code dir/name.out} and {@code dir/name.err} (0600) and opens them. */
    static List<OutputFifo> create(Path mkfifo, Path dir, String name) throws IOException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(mkfifo.toString(), "-m", "600", out.toString(), err.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String message = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("mkfifo failed: " + message.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating FIFOs", e);
        }
        List<OutputFifo> fifos = new ArrayList<>(2);
        try {
            fifos.add(open(out));
            fifos.add(open(err));
        } catch (IOException e) {
            fifos.forEach(OutputFifo::close);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
        return fifos;
    }

    private static OutputFifo open(Path path) throws IOException {
        RandomAccessFile keeper = new RandomAccessFile(path.toFile(), "rw");
        try {
            return new OutputFifo(path, keeper, new FileInputStream(path.toFile()));
        } catch (IOException e) {
            keeper.close();
            throw e;
        }
    }

    /** Where the child writes: give it to {@link ProcessBuilder#redirectOutput(java.io.File)}. */
    Path path() {
        return path;
    }

    /** What the child and its background jobs write; EOF once all have closed it. */
    InputStream reader() {
        return reader;
    }

    /** The command's process has exited: from now on EOF comes when the last writer closes. */
    void release() {
        try {
            keeper.close();
        } catch (IOException e) {
            // closing a pipe end cannot meaningfully fail
        }
        try {
            Files.deleteIfExists(path); // open ends stay valid; the name is no longer needed
        } catch (IOException e) {
            // a leftover name in the runtime's private directory goes when the runtime closes
        }
    }

    /** Nobody reads any more (the channel closed): writers get EPIPE from now on. */
    @Override
    public void close() {
        release();
        try {
            reader.close();
        } catch (IOException e) {
            // as above
        }
    }
}
