package org.thunderproject.ec2;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.PortForward;
import org.thunderproject.ec2.ssh.SshCommandLine;

/**
 * A handle on one cluster, made by {@link ThunderEc2#cluster(ClusterSpec)}. Creating it touches
 * nothing; each operation blocks until done, reports progress to the listeners, and throws a
 * {@link ThunderEc2Exception} that says what went wrong and what to do.
 *
 * <p>Operations are safe to repeat: a failed or interrupted launch is completed by
 * {@link #resume()} or removed by {@link #destroy()}, and a second {@code destroy()} does nothing.
 *
 * <p>SSH: {@link #launch()}, {@link #resume()} and {@link #start()} end when every node answers
 * SSH. Host keys are verified against thunder-ec2's own {@code known_hosts} (in
 * {@link ThunderEc2#homeDirectory()}), recorded by instance id because addresses change on
 * stop/start, and pinned on first contact to the fingerprints the node prints in its console
 * output. A key that changes later is refused with {@link HostKeyChangedException}. The SSH
 * operations ({@link #run}, {@link #copy}, {@link #forward}, {@link #login}) need the spec's
 * identity file and a running cluster.
 */
public interface Cluster {

    /** The cluster name. */
    String name();

    /** The spec this handle was made from. */
    ClusterSpec spec();

    /**
     * Launches a new cluster through every phase. Checks the key file, the key pair and that the
     * name is free before creating anything.
     *
     * @throws PreflightException when a check fails (nothing is created)
     */
    ClusterDescription launch();

    /** Launches a new cluster up to and including {@code lastPhase}. */
    ClusterDescription launch(LaunchPhase lastPhase);

    /** Completes a launch that was interrupted or failed: creates only what is missing. */
    ClusterDescription resume();

    /** Completes a launch up to and including {@code lastPhase}. */
    ClusterDescription resume(LaunchPhase lastPhase);

    /**
     * Stops every node. Refuses spot slaves (EC2 cannot stop one-time spot instances) with a
     * {@link ClusterStateException}; see {@link #stop(SpotSlaves)}. Instance-store data is lost.
     */
    ClusterDescription stop();

    /** Stops every node, doing with spot slaves what {@code spotSlaves} says. */
    ClusterDescription stop(SpotSlaves spotSlaves);

    /**
     * Starts a stopped cluster and waits until every node answers SSH again (their keys stay the
     * recorded ones); addresses change, so the returned description has the new ones.
     */
    ClusterDescription start();

    /**
     * Starts a stopped cluster and brings it back to {@code lastPhase} (use
     * {@link LaunchPhase#INFRASTRUCTURE} where nodes cannot be reached over SSH).
     */
    ClusterDescription start(LaunchPhase lastPhase);

    /**
     * Terminates every node (pending ones too), waits until they are gone, and deletes both
     * security groups. Idempotent: destroying a half-launched or already destroyed cluster ends
     * with nothing left.
     */
    void destroy();

    /** What EC2 reports about the cluster now. */
    ClusterDescription describe();

    /**
     * The master as EC2 reports it now.
     *
     * @throws ClusterNotFoundException nothing of the cluster exists
     * @throws ClusterStateException the cluster has no master (a half-done launch: resume() it)
     */
    Node master();

    /**
     * The slaves as EC2 reports them now, in launch order (terminated ones left out).
     *
     * @throws ClusterNotFoundException nothing of the cluster exists
     */
    List<Node> slaves();

    /**
     * Launches {@code count} more slaves, like the others (same type, image, groups, zone; spot when
     * the spec has a price), and brings them through the same phases as a launch: running, answering
     * SSH, and whatever later phases the launch has. Returns the grown cluster.
     *
     * @throws ClusterStateException the cluster is not running
     * @throws IllegalArgumentException {@code count} is less than 1
     */
    ClusterDescription addSlaves(int count);

    /** Like {@link #addSlaves(int)}, bringing the new slaves (and the cluster) up to {@code lastPhase} only. */
    ClusterDescription addSlaves(int count, LaunchPhase lastPhase);

    /**
     * Terminates the {@code count} newest slaves (by launch time) and waits until they are gone;
     * their recorded host keys are forgotten. A cluster keeps at least one slave. (A
     * {@link #resume()} of a handle whose spec asks for more slaves launches new ones.)
     *
     * @throws ClusterStateException {@code count} would leave no slave
     * @throws IllegalArgumentException {@code count} is less than 1
     */
    ClusterDescription removeSlaves(int count);

    /**
     * Sets (or, with an empty {@code idle}, cancels) the running cluster's autostop with
     * {@link AutostopAction#STOP}: see {@link #autostop(Optional, AutostopAction)}.
     *
     * @throws InvalidSpecException {@code idle} is shorter than {@link ClusterSpec#MINIMUM_AUTOSTOP}
     */
    void autostop(Optional<Duration> idle);

    /**
     * Sets (or, with an empty {@code idle}, cancels) the running cluster's autostop: every node
     * shuts itself down once the cluster has been idle for {@code idle} (see
     * {@link ClusterSpec#autostop()}) and then does what {@code action} says. Kept across stop and
     * start, and given to slaves added later. Each node's shutdown behaviour is set through EC2 to
     * {@code stop} or {@code terminate} (back to {@code stop} on cancel) and the setting written
     * into the nodes' tags (see {@link ClusterDescription#autostop()}); the agents are set up over
     * SSH. No AWS credentials go onto the nodes.
     *
     * @throws InvalidSpecException {@code idle} is shorter than {@link ClusterSpec#MINIMUM_AUTOSTOP}
     * @throws ClusterStateException a node is not running
     */
    void autostop(Optional<Duration> idle, AutostopAction action);

    /**
     * How long the cluster has been idle, as the master's autostop agent last found it (read over
     * SSH, so it needs the spec's identity file). Empty when no agent runs on the master: no
     * autostop is set, or the master is not running.
     *
     * @throws ClusterNotFoundException nothing of the cluster exists
     * @throws NodeSshException the master could not be reached
     */
    Optional<IdleStatus> idleStatus();

    /**
     * Runs {@code command} (with the login user's shell) on every node in parallel and waits for
     * all; see {@link #run(String, NodeSelector)}.
     */
    List<CommandResult> run(String command);

    /**
     * Runs {@code command} (with the login user's shell) on the selected nodes in parallel and
     * waits for all. A non-zero exit status is a result, not an exception. Commands go into the
     * nodes' process lists and logs: never put secrets in them.
     *
     * @return one result per node, master first, then the slaves in launch order
     * @throws NodeSshException a node could not be reached or dropped the connection (after every
     *     other node finished)
     * @throws HostKeyChangedException a node's host key changed
     * @throws ClusterStateException a selected node is not running
     */
    List<CommandResult> run(String command, NodeSelector nodes);

    /** Copies a local file or directory to {@code remotePath} on every node; see {@link #copy(Path, String, NodeSelector)}. */
    void copy(Path local, String remotePath);

    /**
     * Copies a local file or directory tree (over SFTP) to {@code remotePath} on the selected
     * nodes, in parallel. {@code remotePath} names the copy itself, relative to the login user's
     * home unless absolute; permission bits and modification times are kept, missing parent
     * directories created, existing files replaced and directories merged.
     *
     * @throws IllegalArgumentException {@code local} does not exist
     * @throws NodeSshException the copy failed on some nodes (named in the message)
     */
    void copy(Path local, String remotePath, NodeSelector nodes);

    /**
     * Forwards {@code localPort} on this machine's loopback (0 = any free port) to
     * {@code remotePort} on the master's loopback, over SSH, until closed:
     * {@code ssh -L localPort:localhost:remotePort}. {@link PortForward#localPort()} is the port
     * actually listened on.
     */
    PortForward forward(int localPort, int remotePort);

    /** Opens {@code forward} ({@code ssh -L}, remote host as the master sees it) to the master until closed. */
    PortForward forward(LocalForward forward);

    /**
     * An interactive login shell on the master on this process's terminal ({@code System.in} and
     * {@code System.out}), until the shell ends. When the process has a terminal, it is put in raw
     * mode for the session (and restored), and its size and {@code TERM} are passed on.
     *
     * @return the shell's exit status
     */
    int login();

    /**
     * {@link #login()} with {@code forwards} open while it runs (the seed's {@code login
     * --ssh-port-forwarding L:R}); the shell on the master has {@code THUNDER_EC2_FORWARDS="L:R …"},
     * so that {@code thunder} and {@code setup-notebook-sshtunnel} there print {@code localhost:L}.
     *
     * @return the shell's exit status
     */
    int login(LocalForward... forwards);

    /**
     * An interactive login shell on the master, on a pseudo-terminal bridged to {@code in} and
     * {@code out} (stderr arrives in {@code out} too), with {@code forwards} open while it runs
     * (the seed's {@code --ssh-port-forwarding L:R}, see {@link LocalForward#parse}). Returns when
     * the shell ends; {@code in} is not closed.
     *
     * @return the shell's exit status (128 + the signal number if a signal ended it)
     */
    int login(InputStream in, OutputStream out, LocalForward... forwards);

    /**
     * Makes port 8888 on {@code NAME-master} match the notebook mode the master has now, however it
     * was set up ({@link #openNotebook} here, or {@code setup-notebook} / {@code
     * setup-notebook-sshtunnel} typed on the master): open to the authorized CIDRs for SSL, closed
     * otherwise. The master holds no AWS credentials; it only writes a mode marker, read here over
     * SSH. {@code resume()} and {@code start()} do this too.
     */
    NotebookPort syncNotebookPort();

    /**
     * The plain OpenSSH command that logs in to the master as this library does: same key, port
     * and user, the host key checked against thunder-ec2's {@code known_hosts} by instance id
     * ({@code StrictHostKeyChecking=yes}). {@code toString()} is the line to paste into a shell,
     * {@link SshCommandLine#arguments()} the arguments for a {@link ProcessBuilder}. Connects once
     * first if the master's key is not recorded yet, so that the command can verify it.
     */
    SshCommandLine sshCommand();

    /**
     * The Spark master's URL, {@code spark://MASTER:7077}, at the master's private address (where
     * the master listens and the workers connect; a driver outside the cluster's network reaches it
     * through a tunnel or from a node).
     *
     * @throws ClusterNotFoundException nothing of the cluster exists
     * @throws ClusterStateException the cluster has no running master
     */
    String masterUrl();

    /**
     * The Spark master's web UI, {@code http://MASTER:8080/}: at the master's public address (EC2
     * forwards it to the private one the UI listens on), or its private address when it has no
     * public one, or when the public one is a loopback address (the local cloud).
     *
     * @throws ClusterNotFoundException nothing of the cluster exists
     * @throws ClusterStateException the cluster has no running master
     */
    URI webUiUrl();

    /**
     * Sets up the notebook on the master the way {@code access} says, and starts it: the other way's
     * server and configuration are removed, and port 8888's ingress rule exists only while the SSL
     * way is in use. Opening the same way again leaves a running server alone when nothing changed
     * (a {@link SslNotebook#withGeneratedPassword() generated password} is new each time).
     *
     * @throws ServiceException the notebook could not be set up or started (the message says why,
     *     e.g. Jupyter is not installed)
     * @throws ClusterStateException the master is not running
     */
    Notebook openNotebook(NotebookAccess access);

    /**
     * Stops the notebook server on the master, deletes its configuration, certificate and log, and
     * revokes port 8888's rule. Does nothing more when no notebook is set up.
     */
    void closeNotebook();

    /**
     * Opens a tunnel to the cluster's Spark Connect server on any free local port; see
     * {@link #sparkConnect(int)}.
     */
    SparkConnect sparkConnect();

    /**
     * Opens a tunnel from {@code localhost:localPort} (0: any free port) to the Spark Connect server
     * on the master's loopback, over SSH with the master's pinned host key, and returns it once the
     * server answers through it; {@link SparkConnect#url()} is {@code sc://localhost:PORT}.
     *
     * @throws ServiceException the server does not answer (the cluster was not provisioned through
     *     {@link LaunchPhase#SERVICES}: {@code resume()} it)
     * @throws ClusterStateException the master is not running
     * @throws IllegalArgumentException {@code localPort} is not 0 to 65535
     */
    SparkConnect sparkConnect(int localPort);

    /**
     * Submits a Spark application ({@code .jar}, or {@code .py} with an official Spark distribution)
     * to the cluster: copies it to the master and runs {@code spark-submit} there in client mode
     * against the cluster's master URL, so the driver runs on the master and the executors on the
     * workers. Blocks until the application ends; its output goes to the options' listeners as it
     * comes and into the result. A failing application is a result with a non-zero exit status, not
     * an exception.
     *
     * @return the master's result: the application's exit status and output
     * @throws IllegalArgumentException {@code application} is not a readable .jar or .py file
     * @throws ClusterStateException the master is not running
     */
    CommandResult submit(Path application, SubmitOptions options);

    /** Adds a listener for this handle's operations. */
    Cluster addListener(ClusterListener listener);

    /** Removes a listener added earlier. */
    Cluster removeListener(ClusterListener listener);

    /** What {@link #stop(SpotSlaves)} does with spot slaves, which EC2 cannot stop. */
    enum SpotSlaves {
        /** Refuse to stop the cluster (the default). */
        REFUSE,
        /** Terminate the spot slaves and stop the rest; {@link #resume()} launches new slaves later. */
        TERMINATE
    }
}
