package org.thunderproject.ec2.internal.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.thunderproject.ec2.ClusterEvent.Step;
import org.thunderproject.ec2.ClusterStateException;
import org.thunderproject.ec2.CommandResult;
import org.thunderproject.ec2.Node;
import org.thunderproject.ec2.NodeSelector;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.Notebook;
import org.thunderproject.ec2.NotebookAccess;
import org.thunderproject.ec2.NotebookPort;
import org.thunderproject.ec2.SubmitOptions;
import org.thunderproject.ec2.internal.ec2.Inventory;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.internal.nodes.ClusterSsh;
import org.thunderproject.ec2.internal.nodes.NodeOperations;
import org.thunderproject.ec2.internal.nodes.TerminalLogin;
import org.thunderproject.ec2.internal.notebook.Notebooks;
import org.thunderproject.ec2.internal.services.ApplicationSubmitter;
import org.thunderproject.ec2.ssh.LocalForward;
import org.thunderproject.ec2.ssh.ShellOptions;

/** The operations that use the nodes as they are: the master, commands, copies, logins, notebooks. */
public final class NodeAccess {
    private NodeAccess() {}

    /** The master; throws when the cluster has none. */
    public static Node master(OperationScope scope) {
        Inventory inventory = scope.requireExisting();
        return inventory
                .master()
                .map(NodeRecord::toNode)
                .orElseThrow(() -> new ClusterStateException("cluster '"
                        + scope.spec().name() + "' has no master (" + inventory.state()
                        + "): resume() launches it, destroy()"
                        + " removes the rest"));
    }

    /** The master, which must be running (for its URLs). */
    public static Node runningMaster(OperationScope scope) {
        Node master = master(scope);
        if (master.state() != NodeState.RUNNING) {
            throw new ClusterStateException("the master of cluster '"
                    + scope.spec().name() + "' is " + master.state().ec2Name() + ": start() the cluster first");
        }
        return master;
    }

    /** SSH work on the present nodes of the cluster; throws when it has none. */
    public static NodeOperations nodes(OperationScope scope, String verb) {
        return new NodeOperations(scope.spec().name(), scope.requireNodes(verb), scope.ssh());
    }

    /** submit(application, options): spark-submit on the master (the services room, over the nodes' SSH). */
    public static CommandResult submit(OperationScope scope, Path application, SubmitOptions options) {
        ClusterSsh ssh = scope.ssh();
        NodeRecord master = new NodeOperations(scope.spec().name(), scope.requireNodes("submit"), ssh).master();
        return new ApplicationSubmitter(ssh).submit(master, application, options);
    }

    /** copy(local, remotePath, nodes). */
    public static Void copy(OperationScope scope, Path local, String remotePath, NodeSelector nodes) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remotePath, "remotePath");
        Objects.requireNonNull(nodes, "nodes");
        if (!Files.exists(local)) {
            throw new IllegalArgumentException("nothing to copy: " + local + " does not exist");
        }
        nodes(scope, "copy").copy(local, remotePath, nodes);
        return null;
    }

    /** login(in, out, forwards): a shell on the master over the caller's streams. */
    public static int login(OperationScope scope, InputStream in, OutputStream out, LocalForward... forwards) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        return nodes(scope, "login").login(in, out, ShellOptions.defaults().withForwards(List.of(forwards)));
    }

    /** login() and login(forwards): a shell on the master in this process's terminal (raw mode, resizes). */
    public static int terminalLogin(OperationScope scope, List<LocalForward> forwards) {
        return TerminalLogin.run(
                options -> nodes(scope, "login").login(System.in, System.out, options.withForwards(forwards)));
    }

    /** A notebook operation as one step of the events. */
    public static <T> T notebook(
            OperationScope scope, String verb, Step step, String detail, Function<Notebooks, T> body) {
        Inventory inventory = scope.requireNodes(verb);
        return scope.events()
                .step(
                        step,
                        detail,
                        () -> body.apply(new Notebooks(
                                scope.spec(),
                                scope.ec2(),
                                inventory,
                                scope.ssh(),
                                scope.services().callerAddress())));
    }

    /** syncNotebookPort(): port 8888's rule follows the master's notebook mode. */
    public static NotebookPort syncNotebookPort(OperationScope scope) {
        return new Notebooks(
                        scope.spec(),
                        scope.ec2(),
                        scope.requireNodes("syncNotebookPort"),
                        scope.ssh(),
                        scope.services().callerAddress())
                .syncPort();
    }

    /** openNotebook(access). */
    public static Notebook openNotebook(OperationScope scope, NotebookAccess access) {
        return notebook(
                scope, "openNotebook", Step.OPEN_NOTEBOOK, access.toString(), notebooks -> notebooks.open(access));
    }

    /** closeNotebook(): the server stopped, its files and port 8888's rule removed. */
    public static Void closeNotebook(OperationScope scope) {
        return notebook(
                scope,
                "closeNotebook",
                Step.CLOSE_NOTEBOOK,
                "stop the server, remove its files and port 8888's rule",
                notebooks -> {
                    notebooks.close();
                    return null;
                });
    }
}
