package org.thunderproject.ec2.localcloud.internal.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes an instance's SSH sessions started and that still run. Thread-safe. */
final class SessionProcesses {

    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /** Tracks {@code process} until {@link #remove}. */
    void add(Process process) {
        live.add(process);
    }

    /** The session ended. */
    void remove(Process process) {
        live.remove(process);
    }

    /** The live processes, as roots whose descendants belong to the instance too. */
    List<ProcessHandle> roots() {
        List<ProcessHandle> roots = new ArrayList<>();
        for (Process p : live) {
            if (p.isAlive()) {
                roots.add(p.toHandle());
            }
        }
        return roots;
    }
}
