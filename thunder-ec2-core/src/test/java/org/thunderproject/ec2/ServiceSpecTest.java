package org.thunderproject.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's Spark, Python and service fields: defaults, and each rule naming its field. */
class ServiceSpecTest {

    private static ClusterSpec.Builder valid() {
        return ClusterSpec.builder().name("demo").keyPair("mykey", Path.of("/home/me/mykey.pem"));
    }

    /** A user service that does nothing. */
    private record NamedService(String name) implements Service {
        @Override
        public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
            return List.of();
        }
    }

    @Test
    void defaultsInstallTheApacheTarballOfTheDefaultVersionAndThunderPython() {
        ClusterSpec spec = valid().build();

        assertThat(spec.sparkVersion()).isEqualTo("4.0.1");
        assertThat(spec.effectiveSparkDownloadUrl())
                .isEqualTo("https://archive.apache.org/dist/spark/spark-4.0.1/spark-4.0.1-bin-hadoop3.tgz");
        assertThat(spec.pythonPackages()).containsExactly("thunder-python");
        assertThat(spec.sparkWorkerCores()).isEmpty();
        assertThat(spec.sparkWorkerMemory()).isEmpty();
        assertThat(spec.services()).isEmpty();
    }

    @Test
    void theDownloadFollowsTheVersionUnlessAUrlIsGiven() {
        assertThat(valid().sparkVersion("3.5.7").build().effectiveSparkDownloadUrl())
                .isEqualTo("https://archive.apache.org/dist/spark/spark-3.5.7/spark-3.5.7-bin-hadoop3.tgz");
        assertThat(valid().sparkDownloadUrl("file:///opt/spark.tgz").build().effectiveSparkDownloadUrl())
                .isEqualTo("file:///opt/spark.tgz");
    }

    @Test
    void everyServiceFieldCanBeSetAndCopied() {
        Service mine = new NamedService("redis");
        ClusterSpec spec = valid().sparkVersion("4.0.1")
                .sparkDownloadUrl("http://127.0.0.1:8000/spark.tgz")
                .sparkWorkerCores(1)
                .sparkWorkerMemory("512m")
                .pythonPackages(List.of())
                .pythonPackageIndex("http://127.0.0.1:8001/simple/")
                .addServices(mine)
                .build();

        assertThat(spec.pythonPackages()).isEmpty();
        assertThat(spec.sparkWorkerCores()).hasValue(1);
        assertThat(spec.services()).containsExactly(mine);
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.toBuilder().build().pythonPackages()).isEmpty();
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("sparkVersion", (UnaryOperator<ClusterSpec.Builder>) b -> b.sparkVersion("latest")),
                Arguments.of("sparkDownloadUrl", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.sparkDownloadUrl("ftp://x/s.tgz")),
                Arguments.of("sparkDownloadUrl", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.sparkDownloadUrl("/opt/spark.tgz")),
                Arguments.of("sparkDownloadUrl", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.sparkDownloadUrl("http://h/a b.tgz")),
                Arguments.of("sparkWorkerCores", (UnaryOperator<ClusterSpec.Builder>) b -> b.sparkWorkerCores(0)),
                Arguments.of(
                        "sparkWorkerMemory", (UnaryOperator<ClusterSpec.Builder>) b -> b.sparkWorkerMemory("256m")),
                Arguments.of(
                        "sparkWorkerMemory", (UnaryOperator<ClusterSpec.Builder>) b -> b.sparkWorkerMemory("lots")),
                Arguments.of("pythonPackages", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.pythonPackages(List.of("--index-url=x"))),
                Arguments.of(
                        "pythonPackageIndex", (UnaryOperator<ClusterSpec.Builder>) b -> b.pythonPackageIndex("pypi")),
                Arguments.of(
                        "services", (UnaryOperator<ClusterSpec.Builder>) b -> b.addServices(new NamedService("spark"))),
                Arguments.of("services", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.addServices(new NamedService("Bad_Name"))),
                Arguments.of("services", (UnaryOperator<ClusterSpec.Builder>)
                        b -> b.addServices(new NamedService("a"), new NamedService("a"))));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("broken")
    void brokenFieldsAreRejectedByName(String field, UnaryOperator<ClusterSpec.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(field);
    }

    @Test
    void workerMemoryAcceptsGigabytes() {
        assertThat(valid().sparkWorkerMemory("6g").build().sparkWorkerMemory()).hasValue("6g");
    }

    @Test
    void serviceScriptsAreResourcesWithTheirNameArgumentsAndEnvironment() {
        ServiceScript script = ServiceScript.fromResource(
                        ServiceSpecTest.class, "/org/thunderproject/ec2/services/spark/spark-health.sh")
                .withArguments("2", "60")
                .withEnvironment("SPARK_MASTER_HOST", "10.0.0.5");

        assertThat(script.name()).isEqualTo("spark-health.sh");
        assertThat(script.text()).startsWith("#!/bin/sh");
        assertThat(script.arguments()).containsExactly("2", "60");
        assertThat(script.environment()).containsEntry("SPARK_MASTER_HOST", "10.0.0.5");
        assertThat(script.timeout()).isEqualTo(ServiceScript.DEFAULT_TIMEOUT);
        assertThatThrownBy(() -> ServiceScript.fromResource(ServiceSpecTest.class, "no-such-script.sh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-script.sh");
        assertThatThrownBy(() -> script.withEnvironment("NOT A NAME", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void servicePortsAreRanges() {
        assertThat(ServicePort.tcp(NodeRole.MASTER, 9000, "x").toPort()).isEqualTo(9000);
        assertThatThrownBy(() -> new ServicePort(NodeRole.SLAVE, 10, 9, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notebookAccessNeverShowsAPassword() {
        assertThat(SslNotebook.withPassword("s3cret-pw").toString()).doesNotContain("s3cret-pw");
        assertThat(SshTunnelNotebook.onLocalPort(0).withPassword("s3cret-pw").toString())
                .doesNotContain("s3cret-pw");
        assertThat(SshTunnelNotebook.onLocalPort(9000).remotePort(18888).remotePort())
                .isEqualTo(18888);
        assertThatThrownBy(() -> SslNotebook.withPassword("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshTunnelNotebook.onLocalPort(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
