package org.thunderproject.ec2.localcloud.internal.ssh;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The variables every process of a booted node gets, in the order that decides what wins. */
final class NodeProcessEnvironment {

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

    private NodeProcessEnvironment() {}

    /**
     * A login's variables, then the runtime's {@code extra} ones (which may override HOME, PATH and
     * the like), then the node's own directories first on PATH, then the {@code markers}.
     */
    static Map<String, String> of(
            String user, Path home, Path sbin, Path shell, Map<String, String> extra, Map<String, String> markers) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("PATH", PATH);
        env.put("SHELL", shell.toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(extra);
        // Amazon Linux's ~/.bashrc puts ~/.local/bin and ~/bin first on PATH for every SSH session
        // (interactive or not); the node's /bin/sh reads no profile, so do it here, as a login would.
        env.put("PATH", home.resolve(".local/bin") + ":" + home.resolve("bin") + ":" + env.get("PATH"));
        // The node's own shutdown, sudo and the like come before anything else: never the host's.
        env.put("PATH", sbin + ":" + env.get("PATH"));
        env.put(NodePowerCommands.SHUTDOWN_VARIABLE, sbin.resolve("shutdown").toString());
        env.put(SessionMarkers.VARIABLE, SessionMarkers.directory(sbin).toString());
        env.putAll(markers); // last: nothing may hide a process from stop
        return env;
    }
}
