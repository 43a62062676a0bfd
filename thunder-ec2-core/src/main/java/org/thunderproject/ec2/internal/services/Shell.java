package org.thunderproject.ec2.internal.services;

import java.util.List;
import java.util.Map;

/** Builds POSIX shell command lines. */
public final class Shell {
    private Shell() {}

    /** {@code value} as one single-quoted shell word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code value} as a shell word; a leading {@code ~/} becomes the home directory ({@code "$HOME"/'…'}). */
    public static String word(String value) {
        return value.startsWith("~/") ? "\"$HOME\"/" + quote(value.substring(2)) : quote(value);
    }

    /**
     * {@code cd "$HOME" && VAR='value' … sh "$HOME/PATH" 'arg' …}: runs the script at {@code path}
     * (relative to the home directory) with /bin/sh, with these variables and arguments (values
     * and arguments as {@link #word}).
     */
    public static String runScript(String path, Map<String, String> environment, List<String> arguments) {
        StringBuilder command = new StringBuilder("cd \"$HOME\" && ");
        environment.forEach((name, value) ->
                command.append(name).append('=').append(word(value)).append(' '));
        command.append("sh \"$HOME\"/").append(quote(path));
        arguments.forEach(a -> command.append(' ').append(word(a)));
        return command.toString();
    }
}
