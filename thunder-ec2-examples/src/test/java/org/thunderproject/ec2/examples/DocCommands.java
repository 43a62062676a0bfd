package org.thunderproject.ec2.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shell commands the docs show: every line of a {@code ```sh} block of {@code docs/**.md} and
 * {@code README.md}, with {@code \}-continued lines joined and comments and blank lines left out.
 */
final class DocCommands {

    private DocCommands() {}

    /** The repository root: {@code -Dthunder.repository.root}, else this module's parent. */
    static Path repositoryRoot() {
        String given = System.getProperty("thunder.repository.root");
        Path root = (given == null || given.isBlank() ? Path.of("..") : Path.of(given))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root.resolve("docs"))) {
            throw new IllegalStateException("no docs/ under " + root + ": run the tests from the module directory");
        }
        return root;
    }

    /** Every documented command, in file order. */
    static List<String> all(Path root) {
        List<String> commands = new ArrayList<>(inFile(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            for (Path doc :
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                commands.addAll(inFile(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commands;
    }

    /** The documented commands that start with {@code program} and a space. */
    static List<String> starting(Path root, String program) {
        return all(root).stream().filter(c -> c.startsWith(program + " ")).toList();
    }

    /** The commands of the {@code ```sh} blocks of one Markdown file. */
    static List<String> inFile(Path markdown) {
        List<String> commands = new ArrayList<>();
        boolean inSh = false;
        boolean inOther = false;
        StringBuilder pending = new StringBuilder();
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (!inSh && !inOther && line.startsWith("```")) {
                inSh = line.equals("```sh");
                inOther = !inSh;
                continue;
            }
            if (line.equals("```")) {
                inSh = false;
                inOther = false;
                continue;
            }
            if (!inSh || (pending.length() == 0 && (line.isEmpty() || line.startsWith("#")))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            commands.add(pending.toString().replaceAll("\\s+", " ").strip());
            pending.setLength(0);
        }
        return commands;
    }
}
