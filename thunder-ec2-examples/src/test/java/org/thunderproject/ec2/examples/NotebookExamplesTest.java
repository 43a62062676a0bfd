package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thunderproject.ec2.localcloud.LocalCloud;

/** Both notebook strategies of the example, on a local cluster whose master runs Debian's Jupyter. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class NotebookExamplesTest {

    @Test
    void opensTheNotebookOverSslThenThroughATunnelThenClosesIt() throws Exception {
        assumeTrue(
                LocalCloud.builtSparkRuntime().isPresent(),
                "the Spark runtime tarball is absent: the build ran"
                        + " without packaging thunder-ec2-spark-runtime (as under 'mvn test'); 'mvn verify' builds it");
        assumeTrue(
                systemPythonHasNotebook(),
                "Jupyter Notebook is not installed for /usr/bin/python3 (Debian's"
                        + " jupyter-notebook package), which the local cloud's nodes use");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        NotebookExamples.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .containsPattern("SSL notebook: https://127\\.[0-9.]+:8888/ \\(password \\S+;")
                .containsPattern("Tunnel notebook: http://localhost:\\d+/\\?token=\\w+ ")
                // The notebook's API answered through the tunnel with its version.
                .containsPattern(
                        "Through the tunnel, http://localhost:\\d+/api answers: HTTP 200 \\{\"version\": ?\"[0-9.]+\"}")
                .contains("Notebook closed:")
                .endsWith("Cluster 'notebooks' destroyed.\n");
    }

    private static boolean systemPythonHasNotebook() throws Exception {
        if (!new File("/usr/bin/python3").canExecute()) {
            return false;
        }
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import notebook")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
}
