package org.thunderproject.ec2.internal.nodes;

/**
 * Shell text (for {@code sh -s} on a node) that replaces a file whole: written beside it, then
 * renamed over it, so a reader on the node (an agent between two checks) never sees half of it.
 */
final class ShellFiles {
    private static final String EOF = "THUNDER_EC2_EOF";

    private ShellFiles() {}

    /**
     * Appends the commands that replace {@code directory/name} with {@code content}; {@code
     * directory} is a shell word ({@code .}, {@code "$d"}), {@code content} any text without a line
     * {@value #EOF}.
     */
    static void replace(StringBuilder s, String directory, String name, String content) {
        String path = directory + "/" + name;
        s.append("cat > ")
                .append(path)
                .append(".new <<'")
                .append(EOF)
                .append("'\n")
                .append(content)
                .append(content.endsWith("\n") ? "" : "\n")
                .append(EOF)
                .append("\nmv -f ")
                .append(path)
                .append(".new ")
                .append(path)
                .append('\n');
    }

    /** {@code value} as one single-quoted shell word (the layer below services cannot use services.Shell). */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
