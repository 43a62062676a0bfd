package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/jshell/quickstart.jsh} run exactly as the docs say, with the JDK's own
 * {@code jshell}, against the classpath file {@code package} writes.
 */
final class QuickstartJshellIT {

    @TempDir
    Path dir;

    @Test
    void theDocumentedJshellCommandLaunchesAndDestroysACluster() throws Exception {
        Path root = DocCommands.repositoryRoot();
        Path classpathFile = Path.of(System.getProperty(
                "thunder.examples.classpath.file",
                root.resolve("thunder-ec2-examples/target/classpath.txt").toString()));
        assumeTrue(
                Files.isRegularFile(classpathFile),
                classpathFile + " is absent: the build ran without the package"
                        + " phase (as under 'mvn test'); 'mvn verify' writes it and runs this test");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        assertThat(javaBin.resolve("jshell"))
                .as("jshell of the JDK running the tests")
                .isExecutable();

        List<String> documented = DocCommands.starting(root, "jshell").stream()
                .filter(c -> c.contains("examples/jshell/quickstart.jsh"))
                .toList();
        assertThat(documented)
                .as("jshell commands of quickstart.jsh in the docs")
                .isNotEmpty();
        String classpath =
                Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        assertThat(Path.of(classpath.split(File.pathSeparator)[0]))
                .as("the module's own jar comes first")
                .isRegularFile()
                .satisfies(jar -> assertThat(jar.getFileName().toString()).matches("thunder-ec2-examples-.*\\.jar"));

        for (String command : documented) {
            Path out = dir.resolve("out.txt");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(root.toFile());
            // The JDK that runs the tests provides jshell: first on the PATH of that shell.
            builder.environment().merge("PATH", javaBin.toString(), (path, jdk) -> jdk + File.pathSeparator + path);
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES))
                    .as("jshell finished within 5 minutes: " + Files.readString(out))
                    .isTrue();
            String output = Files.readString(out);
            assertThat(process.exitValue()).as(output).isZero();
            // Each node answers over SSH from its own directory.
            assertThat(output)
                    .containsPattern("launched: RUNNING, master 127\\.[0-9.]+, 2 slaves")
                    .containsPattern("MASTER: hello from /\\S+/instances/i-[0-9a-f]+/home")
                    .containsPattern("(?s)(SLAVE: hello from /\\S+/instances/i-[0-9a-f]+/home.*){2}")
                    .contains("after destroy: nothing left")
                    .doesNotContain("Exception");
        }
    }
}
