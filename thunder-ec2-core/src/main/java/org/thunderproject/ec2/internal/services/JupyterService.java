package org.thunderproject.ec2.internal.services;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/**
 * Jupyter on the master: finds a Python with the {@code notebook} package (the Thunder
 * environment's, else the system's) or pip-installs it (best-effort), and after a start brings
 * back the notebook server {@code Cluster.openNotebook} configured. The server itself is set up
 * by {@code openNotebook} or by the seed's {@code setup-notebook} / {@code setup-notebook-sshtunnel}
 * typed on the master (installed in {@code ~/bin} at configure), never by a launch: port 8888
 * stays closed until a user asks.
 */
final class JupyterService implements Service {
    static final String NAME = "jupyter";
    /** The script that configures, starts, stops and removes the notebook server on the master. */
    public static final String NOTEBOOK_SCRIPT = "notebook.sh";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ServiceScript> files() {
        return List.of(
                notebookScript(),
                BuiltInServices.script(NAME, "setup-notebook"),
                BuiltInServices.script(NAME, "setup-notebook-sshtunnel"),
                BuiltInServices.script(NAME, "thunder-profile.sh"));
    }

    /** The certificate's subjectAltName entries for {@code node}: {@code IP:PRIVATE IP:PUBLIC DNS:NAME}. */
    public static String certNames(Node node) {
        Set<String> names = new LinkedHashSet<>();
        node.privateIp().ifPresent(ip -> names.add("IP:" + ip));
        node.publicIp().ifPresent(ip -> names.add("IP:" + ip));
        node.publicDnsName().filter(dns -> !dns.isBlank()).ifPresent(dns -> names.add("DNS:" + dns));
        return String.join(" ", names);
    }

    /** {@value #NOTEBOOK_SCRIPT}, for {@code openNotebook}. */
    public static ServiceScript notebookScript() {
        return BuiltInServices.script(NAME, NOTEBOOK_SCRIPT);
    }

    @Override
    public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
        if (!node.isMaster()) {
            return List.of();
        }
        ClusterSpec spec = node.spec();
        return switch (step) {
            case INSTALL ->
                List.of(BuiltInServices.script(NAME, "install-jupyter.sh")
                        .withEnvironment(
                                "THUNDER_PIP_INDEX_URL",
                                spec.pythonPackageIndex().orElse("")));
            case CONFIGURE ->
                List.of(BuiltInServices.script(NAME, "install-notebook-commands.sh")
                        .withEnvironment("NODE_PRIVATE_IP", node.privateAddress())
                        .withEnvironment("NODE_BROWSER_ADDRESS", SparkUrls.reachableAddress(node.node()))
                        .withEnvironment("NODE_CERT_NAMES", certNames(node.node())));
            case START -> List.of(notebookScript().withArguments("start-if-configured"));
            default -> List.of();
        };
    }

    @Override
    public String toString() {
        return "Service(" + NAME + ")";
    }
}
