package org.thunderproject.ec2.ssh;

/** Work to do on one host of a batch, given a connected session (closed afterwards). */
@FunctionalInterface
public interface SessionTask<T> {
    /**
     * Does the work; an exception fails this host only (non-SSH exceptions are wrapped in an
     * {@link SshException} naming the host).
     */
    T run(SshSession session) throws Exception;
}
