package org.thunderproject.ec2.internal.services;

import java.util.List;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/**
 * The Thunder environment: a Python virtual environment with the spec's pip packages on every
 * node (best-effort: a failed pip install is a warning), and the {@code thunder} launcher on the
 * master (PySpark in IPython against the cluster, or the notebook when one is configured).
 */
final class ThunderService implements Service {
    static final String NAME = "thunder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ServiceScript> files() {
        return List.of(BuiltInServices.script(NAME, "thunder"));
    }

    @Override
    public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
        ClusterSpec spec = node.spec();
        return switch (step) {
            case INSTALL ->
                List.of(BuiltInServices.script(NAME, "install-thunder.sh")
                        .withEnvironment("THUNDER_PIP_PACKAGES", String.join("\n", spec.pythonPackages()))
                        .withEnvironment(
                                "THUNDER_PIP_INDEX_URL",
                                spec.pythonPackageIndex().orElse("")));
            case CONFIGURE ->
                node.isMaster()
                        ? List.of(BuiltInServices.script(NAME, "configure-thunder.sh")
                                .withEnvironment(
                                        "SPARK_MASTER_URL",
                                        "spark://" + node.masterAddress() + ":" + SparkService.MASTER_PORT))
                        : List.of();
            default -> List.of();
        };
    }

    @Override
    public String toString() {
        return "Service(" + NAME + ")";
    }
}
