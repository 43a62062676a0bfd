package org.thunderproject.ec2.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's options: the issue's defaults, and errors that name the option. */
class BenchOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheIssuesAndReachTheLocalCloud() throws Exception {
        Path jar = Files.createFile(dir.resolve("cloud-standalone.jar"));
        BenchOptions o = BenchOptions.parse(new String[] {"--local-cloud-jar", jar.toString()});
        assertThat(o.slaves()).containsExactly(10, 100, 500, 1000);
        assertThat(o.pending()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.pendingSpread()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.sshBoot()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.sshBootSpread()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.cloudOptions())
                .containsSubsequence("--api-rate-limits", "ec2")
                .containsSubsequence("--pending-ms", "3000")
                .containsSubsequence("--ssh-boot-spread", "2000ms")
                .contains("--no-spark-runtime");

        BenchOptions small = BenchOptions.parse(new String[] {
            "--slaves=10", "--no-rate-limits", "--spark", "--pending", "500ms", "--local-cloud-jar=" + jar
        });
        assertThat(small.slaves()).containsExactly(10);
        assertThat(small.cloudOptions())
                .containsSubsequence("--api-rate-limits", "none")
                .doesNotContain("--no-spark-runtime");
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--slaves", "ten"}))
                .hasMessageContaining("--slaves");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--slaves", "0"}))
                .hasMessageContaining("1 to 5000");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--pending", "soon"}))
                .hasMessageContaining("--pending");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--turbo"})).hasMessageContaining("--turbo");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {
                    "--local-cloud-jar", dir.resolve("none.jar").toString()
                }))
                .hasMessageContaining("no file");
    }
}
