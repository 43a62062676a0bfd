package org.thunderproject.ec2.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-java.sh's decisions, run by /bin/sh with a PATH of its own: the tools it needs, plus
 * stand-ins for java and the package manager (no real node here has dnf, or lacks Java).
 */
class InstallJavaScriptTest {
    private static final List<String> TOOLS =
            List.of("sh", "sed", "head", "tail", "tr", "mktemp", "rm", "id", "cat", "chmod");

    @TempDir
    Path dir;

    private Path bin;
    private Path script;

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : TOOLS) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.isExecutable(real)) {
                real = Path.of("/bin", tool);
            }
            assumeTrue(Files.isExecutable(real), "needs " + tool);
            write(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
        }
        script = dir.resolve("install-java.sh");
        Files.write(script, BuiltInServices.script("java", "install-java.sh").content());
    }

    @Test
    void aJava17OnThePathIsKept() throws Exception {
        fakeJava(bin, "17.0.9");

        Result r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Java 17 is already installed at " + bin.resolve("java"));
    }

    @Test
    void withoutJavaDnfInstallsCorretto() throws Exception {
        Path installed = Files.createDirectories(dir.resolve("installed"));
        stub(
                "dnf",
                "echo \"$@\" > " + dir.resolve("dnf-args") + "\n"
                        + "printf '#!/bin/sh\\necho \"openjdk version \\\\\"17.0.9\\\\\" 2023-10-17\" >&2\\n' > "
                        + installed.resolve("java")
                        + "\nchmod +x " + installed.resolve("java") + "\n");

        Result r = run(bin + ":" + installed);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("dnf-args")).strip())
                .isEqualTo("install -y -q java-17-amazon-corretto-headless");
        assertThat(r.out())
                .contains("Installed java-17-amazon-corretto-headless: Java 17 at " + installed.resolve("java"));
    }

    @Test
    void anOldJavaWithoutAPackageManagerIsAClearError() throws Exception {
        fakeJava(bin, "11.0.2");

        Result r = run();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("install-java.sh: no Java 17+ on this node and no dnf, yum or apt-get");
    }

    @Test
    void aFailingInstallSaysWhatFailed() throws Exception {
        stub("dnf", "echo 'Error: Unable to find a match: java-17-amazon-corretto-headless' >&2\nexit 1\n");

        Result r = run();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("dnf install java-17-amazon-corretto-headless failed: Error: Unable to find a match");
    }

    private record Result(int exit, String out, String err) {}

    private Result run() throws IOException, InterruptedException {
        return run(bin.toString());
    }

    private Result run(String path) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("sh").toString(), script.toString());
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private void fakeJava(Path where, String version) throws IOException {
        write(where.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2023-10-17' >&2\n");
    }

    private void stub(String name, String body) throws IOException {
        write(bin.resolve(name), "#!/bin/sh\n" + body);
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
