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
 * README command (1) on a machine without Jupyter: the quickstart, as its own process, with the
 * local cloud's nodes seeing no system Python with Jupyter (and no package index to pip it from),
 * says in one line that it skips the notebook and does everything else, and exits 0.
 */
final class QuickstartWithoutJupyterIT {

    @TempDir
    Path home;

    @Test
    void skipsTheNotebookInOneLineAndExitsZero() throws Exception {
        Path root = DocCommands.repositoryRoot();
        Path classpathFile = Path.of(System.getProperty(
                "thunder.examples.classpath.file",
                root.resolve("thunder-ec2-examples/target/classpath.txt").toString()));
        assumeTrue(Files.isRegularFile(classpathFile), classpathFile + " is absent: 'mvn verify' writes it");
        String classpath =
                Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        Path out = home.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dthunder.localcloud.system-python=/nonexistent/python3",
                        "-cp",
                        classpath,
                        Quickstart.class.getName()))
                .directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as("the quickstart finished within 10 minutes: " + Files.readString(out))
                .isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.startsWith("notebook skipped")))
                .containsExactly(
                        "notebook skipped: Jupyter is not installed here; install jupyter-notebook (apt) or 'pip install notebook',"
                                + " then run again");
        assertThat(output)
                .doesNotContain("Notebook (through an SSH tunnel)")
                .contains("Spark is back")
                .contains("Left of 'quickstart': nothing");
    }
}
