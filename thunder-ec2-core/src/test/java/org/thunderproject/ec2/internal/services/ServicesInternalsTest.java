package org.thunderproject.ec2.internal.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/** Sizes from instance types, shell words, the built-in services' plans, URLs. */
class ServicesInternalsTest {

    @Test
    void instanceTypesTellTheirSize() {
        assertThat(InstanceSizes.of("m5.large")).hasValue(new InstanceSizes.Size(2, 8192));
        assertThat(InstanceSizes.of("r6i.2xlarge")).hasValue(new InstanceSizes.Size(8, 65536));
        assertThat(InstanceSizes.of("c7gn.xlarge")).hasValue(new InstanceSizes.Size(4, 8192));
        assertThat(InstanceSizes.of("t3.micro")).hasValue(new InstanceSizes.Size(2, 1024));
        assertThat(InstanceSizes.of("p4d.24xlarge")).isEmpty();
        assertThat(InstanceSizes.of("m5.metal")).isEmpty();
        assertThat(InstanceSizes.workerMemory("m5.large")).hasValue("7168m");
        assertThat(InstanceSizes.workerMemory("t3.micro")).hasValue("512m");
        assertThat(InstanceSizes.workerCores("m5.xlarge")).hasValue(4);
    }

    @Test
    void shellWordsSurviveAQuotingRoundTrip() throws IOException, InterruptedException {
        String tricky = "it's a \"test\" with $HOME and `cmd` and \\ backslash";
        String command = "printf '%s|%s' " + Shell.quote(tricky) + " " + Shell.word("~/x y");
        Process p = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out).isEqualTo(tricky + "|" + System.getenv("HOME") + "/x y");
    }

    @Test
    void aScriptRunsWithItsEnvironmentAndArgumentsFromTheHomeDirectory(@TempDir Path home)
            throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("s"));
        Files.writeString(home.resolve("s/echo.sh"), "echo \"$PWD|$A|$B|$1|$2\"\n");
        String command = Shell.runScript("s/echo.sh", Map.of("A", "a'1", "B", "~/b"), List.of("x y", "~/z"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out).isEqualTo(home + "|a'1|" + home + "/b|x y|" + home + "/z");
    }

    @Test
    void sparkRunsTheMasterOnTheMasterAndWorkersOnSlavesSizedByTheirType() {
        ClusterSpec spec = ClusterSpec.builder()
                .name("demo")
                .sparkDownloadUrl("http://127.0.0.1:9/spark.tgz")
                .build();
        Node master = node("i-master", NodeRole.MASTER, "10.0.0.5");
        Node slave = node("i-slave", NodeRole.SLAVE, "10.0.0.6");
        Service spark = new SparkService();
        ServiceNode onMaster = new ServiceNode(spec, master, master, 2);
        ServiceNode onSlave = new ServiceNode(spec, slave, master, 2);

        assertThat(names(spark.scripts(ServiceStep.INSTALL, onSlave))).containsExactly("install-spark.sh");
        assertThat(spark.scripts(ServiceStep.INSTALL, onSlave).get(0).environment())
                .containsEntry("SPARK_URL", "http://127.0.0.1:9/spark.tgz");
        assertThat(names(spark.scripts(ServiceStep.START, onMaster))).containsExactly("start-spark-master.sh");
        assertThat(names(spark.scripts(ServiceStep.START, onSlave))).containsExactly("start-spark-worker.sh");
        assertThat(spark.scripts(ServiceStep.HEALTH_CHECK, onSlave)).isEmpty();
        assertThat(spark.scripts(ServiceStep.HEALTH_CHECK, onMaster).get(0).arguments())
                .containsExactly("2", "180");
        assertThat(spark.scripts(ServiceStep.CONFIGURE, onSlave).get(0).environment())
                .containsEntry("SPARK_LOCAL_IP", "10.0.0.6")
                .containsEntry("SPARK_MASTER_HOST", "10.0.0.5")
                .containsEntry("SPARK_WORKER_CORES", "2")
                .containsEntry("SPARK_WORKER_MEMORY", "7168m");

        ClusterSpec small =
                spec.toBuilder().sparkWorkerCores(1).sparkWorkerMemory("512m").build();
        assertThat(SparkService.configuration(new ServiceNode(small, slave, master, 2)))
                .containsEntry("SPARK_WORKER_CORES", "1")
                .containsEntry("SPARK_WORKER_MEMORY", "512m");
    }

    @Test
    void everyBuiltInScriptIsAResource() {
        ClusterSpec spec = ClusterSpec.builder().name("demo").build();
        Node master = node("i-master", NodeRole.MASTER, "10.0.0.5");
        Node slave = node("i-slave", NodeRole.SLAVE, "10.0.0.6");
        for (Service service : BuiltInServices.forSpec(spec)) {
            assertThat(service.files()).allSatisfy(f -> assertThat(f.text()).startsWith("#!/bin/sh"));
            for (ServiceStep step : ServiceStep.values()) {
                for (Node node : List.of(master, slave)) {
                    for (ServiceScript script : service.scripts(step, new ServiceNode(spec, node, master, 1))) {
                        assertThat(script.text()).as(script.name()).startsWith("#!/bin/sh");
                    }
                }
            }
        }
        assertThat(BuiltInServices.notebookScriptPath()).isEqualTo(".thunder-ec2/services/jupyter/notebook.sh");
    }

    @Test
    void urlsUseThePrivateAddressForSparkAndAReachableOneForBrowsers() {
        Node ec2 = new Node(
                "i-1",
                NodeRole.MASTER,
                NodeState.RUNNING,
                "m5.large",
                "us-east-1a",
                Optional.of("54.1.2.3"),
                Optional.of("10.0.0.5"),
                Optional.empty(),
                false,
                Instant.EPOCH);
        Node local = new Node(
                "i-2",
                NodeRole.MASTER,
                NodeState.RUNNING,
                "m5.large",
                "us-east-1a",
                Optional.of("127.1.0.9"),
                Optional.of("127.1.0.8"),
                Optional.empty(),
                false,
                Instant.EPOCH);

        assertThat(SparkUrls.masterUrl(ec2)).isEqualTo("spark://10.0.0.5:7077");
        assertThat(SparkUrls.webUiUrl(ec2)).hasToString("http://54.1.2.3:8080/");
        assertThat(SparkUrls.webUiUrl(local)).hasToString("http://127.1.0.8:8080/");
    }

    @Test
    void errorTailsKeepTheLastLines() {
        StringBuilder err = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            err.append("line ").append(i).append('\n');
        }
        assertThat(Provisioner.tail(err.toString())).startsWith("line 28").endsWith("line 39");
    }

    private static List<String> names(List<ServiceScript> scripts) {
        return scripts.stream().map(ServiceScript::name).toList();
    }

    private static Node node(String id, NodeRole role, String ip) {
        return new Node(
                id,
                role,
                NodeState.RUNNING,
                "m5.large",
                "us-east-1a",
                Optional.empty(),
                Optional.of(ip),
                Optional.empty(),
                false,
                Instant.EPOCH);
    }
}
