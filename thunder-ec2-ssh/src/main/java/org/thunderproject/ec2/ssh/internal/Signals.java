package org.thunderproject.ec2.ssh.internal;

/** Signal numbers as on Linux, for turning "killed by KILL" into the shell's 137. */
public final class Signals {
    private Signals() {}

    /** The number of the signal named {@code name} (without SIG); 0 when unknown. */
    public static int number(String name) {
        switch (name) {
            case "HUP":
                return 1;
            case "INT":
                return 2;
            case "QUIT":
                return 3;
            case "ILL":
                return 4;
            case "ABRT":
                return 6;
            case "FPE":
                return 8;
            case "KILL":
                return 9;
            case "USR1":
                return 10;
            case "SEGV":
                return 11;
            case "USR2":
                return 12;
            case "PIPE":
                return 13;
            case "ALRM":
                return 14;
            case "TERM":
                return 15;
            default:
                return 0;
        }
    }

    /** The shell's exit code: the status, else 128 + the signal number, else -1. */
    public static int exitCode(Integer status, String signal) {
        if (status != null) {
            return status;
        }
        return signal == null ? -1 : 128 + number(signal);
    }
}
