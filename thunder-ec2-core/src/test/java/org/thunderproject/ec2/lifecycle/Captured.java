package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.localcloud.NodeProcesses;

/**
 * What an operation left behind: its value, this JVM's stderr (the logs), events, and every
 * process's argv; and the check that a secret is in none of them nor in the master's files.
 */
record Captured(Notebook value, String stderr, List<String> events, Set<String> commandLines) {

    Captured withoutValue() {
        return new Captured(null, stderr, events, commandLines);
    }

    /** Runs {@code operation} while recording stderr, {@code events} and the process lists (sampled every 20 ms). */
    static Captured during(RecordingListener events, Supplier<Notebook> operation) throws InterruptedException {
        events.clear();
        Set<String> commandLines = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "process-list-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(
                () -> NodeProcesses.all().forEach(p -> commandLines.add(p.commandLine())),
                0,
                20,
                TimeUnit.MILLISECONDS);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(originalErr, err), true, StandardCharsets.UTF_8));
        Notebook value;
        try {
            value = operation.get();
        } finally {
            System.setErr(originalErr);
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        return new Captured(
                value,
                err.toString(StandardCharsets.UTF_8),
                events.events().stream().map(ClusterEvent::toString).toList(),
                Set.copyOf(commandLines));
    }

    /** The password {@code secret} is nowhere: not here, not in the files under {@code masterState}. */
    void assertSecretNowhere(String secret, Path masterState) throws IOException {
        assertSecretNowhere(secret, masterState, false);
    }

    /** {@code token}: the secret is a token, which Jupyter needs in plain in its 0600 config and runtime files. */
    void assertSecretNowhere(String secret, Path masterState, boolean token) throws IOException {
        assertThat(stderr).as("logs").doesNotContain(secret);
        assertThat(events).as("events").noneMatch(e -> e.contains(secret));
        assertThat(commandLines).as("process lists").isNotEmpty().noneMatch(c -> c.contains(secret));
        if (value != null) {
            assertThat(value.toString()).doesNotContain(secret);
        }
        // On the master: the notebook's own files hold at most a hash of a password (and a token in a 0600 file).
        try (Stream<Path> files = Files.walk(masterState)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (token
                        && (file.getFileName().toString().equals("token")
                                || file.getParent().getFileName().toString().equals("runtime")
                                || file.getFileName().toString().startsWith("jupyter_notebook_config")
                                || file.getFileName().toString().equals("notebook.log"))) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as("%s", file)
                            .isEqualTo("rw-------");
                    continue;
                }
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
                        .as("%s", file)
                        .doesNotContain(secret);
            }
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
