package org.thunderproject.ec2.cli;

/** The process exit codes, as the help footer of every command documents them. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The operation failed, was refused or aborted; the message says why. */
    public static final int FAILURE = 1;
    /** Interrupted (Ctrl-C, SIGTERM): the message says what exists and how to finish or remove it. */
    public static final int INTERRUPTED = 130;
    /** The command line or config file is wrong; nothing was done. */
    public static final int USAGE = 2;

    public static final String HEADING = "%nExit codes:%n";
    public static final String OK_LINE = "0:success";
    public static final String FAILURE_LINE = "1:failure, refusal or abort (the message says what to do)";
    public static final String INTERRUPTED_LINE =
            "130:interrupted (Ctrl-C); the message says what exists and how to" + " finish or remove it";
    public static final String USAGE_LINE = "2:bad command line or config file (nothing was done)";

    private ExitCodes() {}
}
