package org.thunderproject.ec2.localcloud.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What node processes need to find Java and Python like on a real node: the Java running the
 * cloud (17 or newer, as the cloud itself needs) as {@code JAVA_HOME} and first on {@code PATH},
 * then the system's directories, where {@code python3} is the system's (with its packages, such
 * as Debian's jupyter-notebook), not a user's pyenv or virtualenv. System property {@value
 * #SYSTEM_PYTHON_PROPERTY} names another system interpreter for the nodes (a path that does not
 * exist hides this machine's Jupyter from them, as on a machine without it).
 */
public final class NodeEnvironment {
    /** The system's directories, as on a fresh node. */
    public static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

    /** The system property that names the nodes' system Python ({@code THUNDER_SYSTEM_PYTHON} on them). */
    public static final String SYSTEM_PYTHON_PROPERTY = "thunder.localcloud.system-python";

    private NodeEnvironment() {}

    /** {@code JAVA_HOME} and {@code PATH} for node processes. */
    public static Map<String, String> forThisJvm() {
        Map<String, String> env = new LinkedHashMap<>();
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (Files.isExecutable(javaHome.resolve("bin/java"))) {
            env.put("JAVA_HOME", javaHome.toString());
            env.put("PATH", javaHome.resolve("bin") + ":" + SYSTEM_PATH);
        } else {
            env.put("PATH", SYSTEM_PATH);
        }
        String systemPython = System.getProperty(SYSTEM_PYTHON_PROPERTY, "");
        if (!systemPython.isBlank()) {
            env.put("THUNDER_SYSTEM_PYTHON", systemPython);
        }
        return env;
    }
}
