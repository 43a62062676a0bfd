package org.thunderproject.ec2.localcloud.internal.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes an instance's SSH sessions started and that still run. Thread-safe. */
final class SessionProcesses {

  private final Set<Process> live = ConcurrentHashMap.newKeySet();

  /** Tracks {@code process} until it exits. */
  void add(Process process) {
    live.add(process);
    process.onExit().thenRun(() -> live.remove(process));
  }

  /** The live processes, as roots whose descendants belong to the instance too. */
  List<ProcessHandle> roots() {
    List<ProcessHandle> roots = new ArrayList<>();
    for (Process p : live) {
      roots.add(p.toHandle());
    }
    return roots;
  }
}
