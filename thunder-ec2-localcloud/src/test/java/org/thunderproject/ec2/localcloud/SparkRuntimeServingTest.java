package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.internal.NodeEnvironment;
import org.thunderproject.ec2.localcloud.internal.SparkRuntimes;

/** The Spark runtime tarball served to instances over loopback HTTP, and how it is found. */
class SparkRuntimeServingTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theTarballIsServedOnLoopbackAndNothingElse(@TempDir Path dir) throws Exception {
        Path tarball = Files.write(dir.resolve("spark-9.9.9-bin-thunder.tgz"), new byte[] {1, 2, 3, 4, 5});
        try (LocalCloud cloud =
                LocalCloud.builder().port(0).withoutSsh().sparkRuntime(tarball).start()) {
            String url = cloud.sparkDownloadUrl().orElseThrow();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/spark/spark-9\\.9\\.9-bin-thunder\\.tgz");

            HttpResponse<byte[]> got =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).containsExactly(1, 2, 3, 4, 5);
            assertThat(status(URI.create(url).resolve("/spark/other.tgz"))).isEqualTo(404);
            assertThat(status(URI.create(url).resolve("/"))).isEqualTo(404);

            HttpResponse<Void> alias = http.send(
                    HttpRequest.newBuilder(URI.create(cloud.sparkRuntimeAlias()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(cloud.sparkRuntimeAlias()).isEqualTo(cloud.endpoint() + "/_localcloud/spark-runtime.tgz");
            assertThat(alias.statusCode()).isEqualTo(302);
            assertThat(alias.headers().firstValue("Location")).hasValue(url);
        }
    }

    @Test
    void withoutARuntimeThereIsNoUrl() throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().port(0).withoutSsh().start()) {
            assertThat(cloud.sparkDownloadUrl()).isEmpty();
            assertThat(status(URI.create(cloud.sparkRuntimeAlias()))).isEqualTo(404);
        }
    }

    @Test
    void aMissingTarballIsRefusedAtOnce(@TempDir Path dir) {
        assertThatThrownBy(() -> LocalCloud.builder().sparkRuntime(dir.resolve("nope.tgz")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.tgz");
    }

    @Test
    void theBuildsTarballIsFoundFromTheWorkingDirectoryOrItsParents(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("thunder-ec2-spark-runtime/target"));
        Path tarball = Files.write(target.resolve("spark-4.0.1-bin-thunder.tgz"), new byte[] {1});
        Path module = Files.createDirectories(dir.resolve("thunder-ec2-examples"));

        assertThat(SparkRuntimes.find(null, module)).hasValue(tarball.toAbsolutePath());
        assertThat(SparkRuntimes.find(null, dir)).hasValue(tarball.toAbsolutePath());
        assertThat(SparkRuntimes.find(tarball.toString(), Path.of("/"))).hasValue(tarball.toAbsolutePath());
        assertThat(SparkRuntimes.find(dir.resolve("missing.tgz").toString(), dir))
                .isEmpty();
        assertThat(SparkRuntimes.find(null, Files.createDirectories(dir.resolve("elsewhere/a/b/c/d"))))
                .isEmpty();
    }

    @Test
    void nodeProcessesFindThisJavaFirstAndTheSystemsPython() {
        Map<String, String> env = NodeEnvironment.forThisJvm();

        assertThat(env.get("JAVA_HOME")).isEqualTo(System.getProperty("java.home"));
        assertThat(env.get("PATH"))
                .startsWith(System.getProperty("java.home") + "/bin:")
                .endsWith(NodeEnvironment.SYSTEM_PATH);
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
