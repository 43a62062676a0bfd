package org.thunderproject.ec2.localcloud.internal.ssh;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a booted instance's SSH server needs to run sessions.
 *
 * @param instanceId the instance
 * @param user the login user (USER and LOGNAME)
 * @param home the working directory and HOME of every session
 * @param environment the variables every process on the instance gets, markers included
 * @param sessions the instance's live session processes
 * @param tools the host programs used to run sessions
 * @param io runs the stream pumps (blocking copies)
 * @param fifos the runtime's private directory for output FIFOs
 */
record NodeContext(
        String instanceId,
        String user,
        Path home,
        Map<String, String> environment,
        SessionProcesses sessions,
        HostTools tools,
        Executor io,
        Path fifos) {

    NodeContext {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(home, "home");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(fifos, "fifos");
    }
}
