package org.thunderproject.ec2.internal.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceScript;

/** The services every cluster gets, in the order they are provisioned, and the spec's own after them. */
public final class BuiltInServices {
    /** The built-in services' names (a user's service must not take one). */
    public static final Set<String> NAMES = Set.of(
            JavaService.NAME, SparkService.NAME, SparkConnectService.NAME, ThunderService.NAME, JupyterService.NAME);

    private static final String ROOT = "/org/thunderproject/ec2/services/";

    private BuiltInServices() {}

    /** Java, Spark, Spark Connect, Thunder, Jupyter, then the spec's services. */
    public static List<Service> forSpec(ClusterSpec spec) {
        List<Service> all = new ArrayList<>();
        all.add(new JavaService());
        all.add(new SparkService());
        all.add(new SparkConnectService());
        all.add(new ThunderService());
        all.add(new JupyterService());
        all.addAll(spec.services());
        return List.copyOf(all);
    }

    /** The script that manages the notebook server on the master, and its path there (from the home directory). */
    public static ServiceScript notebookScript() {
        return JupyterService.notebookScript();
    }

    /** The SSL certificate's subjectAltName entries for {@code node} (see {@link JupyterService#certNames}). */
    public static String certNames(Node node) {
        return JupyterService.certNames(node);
    }

    /** Where {@link #notebookScript()} lives on the master, relative to the home directory. */
    public static String notebookScriptPath() {
        return Provisioner.path(new JupyterService(), JupyterService.notebookScript());
    }

    /** A built-in script: {@code services/DIR/NAME} on the classpath. */
    static ServiceScript script(String dir, String name) {
        return ServiceScript.fromResource(BuiltInServices.class, ROOT + dir + "/" + name);
    }
}
