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
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * {@code examples/jshell/spark-connect.jsh} run exactly as the docs say, with the JDK's own
 * {@code jshell}: a cluster with Spark, a DataFrame query through Spark Connect, then nothing left.
 */
final class SparkConnectJshellIT {

    @TempDir
    Path dir;

    @Test
    void theDocumentedJshellCommandQueriesTheClusterThroughSparkConnect() throws Exception {
        Path root = DocCommands.repositoryRoot();
        Path classpathFile = Path.of(System.getProperty(
                "thunder.examples.classpath.file",
                root.resolve("thunder-ec2-examples/target/classpath.txt").toString()));
        assumeTrue(
                Files.isRegularFile(classpathFile),
                classpathFile + " is absent: the build ran without the package"
                        + " phase (as under 'mvn test'); 'mvn verify' writes it and runs this test");
        assumeTrue(LocalCloud.builtSparkRuntime().isPresent(), "the Spark runtime tarball is absent");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");

        List<String> documented = DocCommands.starting(root, "jshell").stream()
                .filter(c -> c.contains("examples/jshell/spark-connect.jsh"))
                .toList();
        assertThat(documented)
                .as("jshell commands of spark-connect.jsh in the docs")
                .isNotEmpty();
        for (String command : documented) {
            Path out = dir.resolve("out.txt");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(root.toFile());
            builder.environment().merge("PATH", javaBin.toString(), (path, jdk) -> jdk + File.pathSeparator + path);
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertThat(process.waitFor(10, TimeUnit.MINUTES))
                    .as("jshell finished within 10 minutes: " + Files.readString(out, StandardCharsets.UTF_8))
                    .isTrue();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("group 0: count 333334, sum 166666833333")
                    .contains("group 1: count 333333, sum 166666166667")
                    .contains("group 2: count 333333, sum 166666500000")
                    .contains("after destroy: nothing left")
                    .doesNotContain("Exception")
                    .doesNotContain("Error:");
        }
    }
}
