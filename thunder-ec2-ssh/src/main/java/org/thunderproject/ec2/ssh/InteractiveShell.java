package org.thunderproject.ec2.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A login shell on a pseudo-terminal, with the port forwards asked for in {@link ShellOptions}.
 * Drive it by its streams (tests, scripted sessions) or hand it a terminal with
 * {@link #bridge(InputStream, OutputStream)}. Putting the local terminal in raw mode (e.g.
 * {@code stty raw -echo < /dev/tty}) and passing on window changes ({@link #resize}) is the
 * caller's part.
 */
public interface InteractiveShell extends AutoCloseable {
    /** Bytes typed into the shell. Closing it sends end-of-file. */
    OutputStream input();

    /** What the terminal shows (on a PTY, stderr usually arrives here too). */
    InputStream output();

    /** Anything the server sends separately as stderr. */
    InputStream errorOutput();

    /** Tells the remote side the window is now {@code columns} x {@code rows}. */
    void resize(int columns, int rows);

    /** The port forwards open for the life of this shell. */
    List<PortForward> forwards();

    /**
     * Copies {@code in} to the shell and the shell's output (and stderr) to {@code out}, flushing as
     * it goes, until the shell ends; returns its exit code (see {@link #waitFor}). The copy from
     * {@code in} runs on a daemon thread that, if {@code in} blocks (a terminal), ends at its next
     * read after the shell is gone.
     */
    int bridge(InputStream in, OutputStream out);

    /**
     * Waits for the shell to end; returns its exit status, 128 + the signal number if a signal
     * killed it, or -1 if the server reported neither.
     *
     * @throws SshTimeoutException it did not end in time (it keeps running)
     */
    int waitFor(Duration timeout);

    /** Whether the shell is still running. */
    boolean isOpen();

    /** Ends the shell (if still running) and closes its forwards. */
    @Override
    void close();
}
