package org.thunderproject.ec2.lifecycle;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** The lifecycle against LocalStack's EC2 in a Testcontainers container; skipped without Docker. */
@ExtendWith(LocalStackLifecycleTest.DockerAvailable.class)
class LocalStackLifecycleTest extends AbstractLifecycleTest {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8.1");

    @Override
    Ec2Target createTarget() {
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.EC2);
        container.start();
        EndpointTarget endpoint = new EndpointTarget(
                container.getEndpoint(),
                container.getRegion(),
                container.getAccessKey(),
                container.getSecretKey(),
                Optional.empty(),
                Duration.ofMillis(200));
        return new Ec2Target() {
            @Override
            public org.thunderproject.ec2.ThunderEc2 thunder() {
                return endpoint.thunder();
            }

            @Override
            public software.amazon.awssdk.services.ec2.Ec2Client ec2() {
                return endpoint.ec2();
            }

            @Override
            public Optional<org.thunderproject.ec2.localcloud.Faults> faults() {
                return Optional.empty();
            }

            @Override
            public boolean changesAddressesOnRestart() {
                return false;
            }

            @Override
            public org.thunderproject.ec2.ClusterSpec.Builder adapt(org.thunderproject.ec2.ClusterSpec.Builder spec) {
                return endpoint.adapt(spec);
            }

            @Override
            public void close() {
                endpoint.close();
                container.stop();
            }
        };
    }

    /** Runs the class only where a Docker daemon answers. */
    static final class DockerAvailable implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean available;
            if (!mayHaveDocker()) {
                available = false;
            } else {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    available = false;
                }
            }
            return available
                    ? ConditionEvaluationResult.enabled("Docker is available")
                    : ConditionEvaluationResult.disabled("Docker is not available");
        }

        /** A cheap first look (Testcontainers' own probe logs errors when there is no Docker at all). */
        private static boolean mayHaveDocker() {
            String host = System.getenv("DOCKER_HOST");
            return (host != null && !host.isBlank())
                    || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                    || java.nio.file.Files.exists(
                            java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                    || java.nio.file.Files.exists(
                            java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        }
    }
}
