package org.thunderproject.ec2.localcloud.internal.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What makes a node's login shell behave like Amazon Linux's: bash as a login shell reads
 * {@code ~/.bash_profile} (then {@code ~/.bashrc}, then {@code /etc/bashrc}), written here as
 * Amazon Linux's {@code /etc/skel} has them. The node's own {@code /} is its directory
 * ({@value #ROOT_VARIABLE} in every session): {@code /root} and {@code /etc/profile.d} are
 * {@code DIR/root} and {@code DIR/etc/profile.d}, never the host's. The node's {@code
 * /etc/bashrc} stand-in (rewritten at every boot, like a file of the image) puts the node's PATH
 * back after the host's {@code /etc/profile}, reads {@code DIR/etc/profile.d/*.sh} as Amazon
 * Linux's {@code /etc/profile} does, and makes {@code source /root/…} (and {@code .}) read the
 * node's {@code DIR/root/…}.
 */
final class NodeLoginFiles {
    /** The variable that names the node's {@code /} in its sessions; product scripts prefix system paths with it. */
    static final String ROOT_VARIABLE = "THUNDER_NODE_ROOT";

    private static final String SKEL_PROFILE = """
      # .bash_profile (as Amazon Linux's /etc/skel has it)

      # Get the aliases and functions
      if [ -f ~/.bashrc ]; then
      	. ~/.bashrc
      fi
      """;

    private static final String SKEL_BASHRC = """
      # .bashrc (as Amazon Linux's /etc/skel has it; the local cloud's /etc/bashrc is this node's)

      # Source global definitions
      if [ -f "$%1$s/etc/bashrc" ]; then
      	. "$%1$s/etc/bashrc"
      fi

      # User specific environment
      if ! [[ "$PATH" =~ "$HOME/.local/bin:$HOME/bin:" ]]; then
      	PATH="$HOME/.local/bin:$HOME/bin:$PATH"
      fi
      export PATH
      """.formatted(ROOT_VARIABLE);

    private NodeLoginFiles() {}

    /** Writes the node's login files under {@code directory} (its {@code /}); {@code path} is the node's PATH. */
    static void install(Path directory, Path home, String path) throws IOException {
        Path etc = directory.resolve("etc");
        Files.createDirectories(etc.resolve("profile.d"));
        Files.writeString(etc.resolve("bashrc"), systemBashrc(path), StandardCharsets.UTF_8);
        writeIfAbsent(home.resolve(".bash_profile"), SKEL_PROFILE);
        writeIfAbsent(home.resolve(".bashrc"), SKEL_BASHRC);
        Path root = directory.resolve("root");
        if (!Files.isDirectory(root)) {
            // Amazon Linux's /root is root's alone; here the node's root is the host user running the cloud.
            Files.createDirectories(root);
            writeIfAbsent(root.resolve(".bash_profile"), SKEL_PROFILE);
            writeIfAbsent(root.resolve(".bashrc"), SKEL_BASHRC);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-x---"));
        }
    }

    private static String systemBashrc(String path) {
        String quotedPath = "'" + path.replace("'", "'\\''") + "'";
        return """
        # /etc/bashrc of a thunder-ec2 local-cloud node (its / is $%1$s); rewritten at every boot.
        # A login shell ran the host's /etc/profile first, which may have set another PATH.
        case ":$PATH:" in *":$HOME/bin:"*) ;; *) PATH=%2$s ;; esac
        # Amazon Linux's /etc/profile reads /etc/profile.d: this node's.
        for i in "$%1$s"/etc/profile.d/*.sh; do
          if [ -r "$i" ]; then . "$i"; fi
        done
        unset i
        # /root and /etc are this node's: 'source /root/.bash_profile' reads $%1$s/root/.bash_profile.
        __thunder_node_path() {
          case "$1" in /root/*|/root|/etc/*) printf '%%s' "$%1$s$1" ;; *) printf '%%s' "$1" ;; esac
        }
        source() { local f; f=$(__thunder_node_path "${1:-}"); shift; builtin source "$f" "$@"; }
        .() { local f; f=$(__thunder_node_path "${1:-}"); shift; builtin . "$f" "$@"; }
        """.formatted(ROOT_VARIABLE, quotedPath);
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }
}
