package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shell commands the docs show, for {@link DocumentedCommandsTest} and the tests beside it:
 * every line of a {@code ```sh} block in {@code README.md} and {@code docs/**.md} ({@code
 * \}-continued lines joined; blank lines and {@code #} comments skipped), split the way {@code sh}
 * would into simple commands ({@code &&}, {@code ||}, {@code ;}, {@code |}, and the insides of
 * {@code $(...)}) and words (quotes removed, {@code ~} and {@code $VAR} left as typed).
 */
public final class DocShellCommands {

    /** The repository's root (tests run in the module's directory). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** One command line of a doc, and where it is. */
    record Line(Path file, int lineNumber, String text) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + lineNumber + ": " + text;
        }
    }

    /**
     * One simple command: the variable assignments before it and its words.
     *
     * @param env leading {@code NAME=value} words
     * @param words the program and its arguments
     */
    record Simple(Map<String, String> env, List<String> words) {
        String program() {
            return words.isEmpty() ? "" : words.get(0);
        }

        List<String> args() {
            return words.subList(1, words.size());
        }

        String text() {
            return String.join(" ", words);
        }
    }

    /** A simple command and the doc line it is part of. */
    record Located(Line line, Simple simple) {}

    private DocShellCommands() {}

    /** README.md and every Markdown file under docs/, in a stable order. */
    static List<Path> documents(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every simple command of every doc ({@link #documents}) under {@code root}, with its line. */
    static List<Located> located(Path root) {
        List<Located> all = new ArrayList<>();
        for (Path doc : documents(root)) {
            for (Line line : lines(doc)) {
                for (Simple simple : simpleCommands(line.text())) {
                    all.add(new Located(line, simple));
                }
            }
        }
        return all;
    }

    /** The command lines of the {@code ```sh} blocks of {@code markdown}. */
    static List<Line> lines(Path markdown) {
        List<String> text;
        try {
            text = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        String fence = null;
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (fence == null) {
                if (line.startsWith("```")) {
                    fence = line.substring(3).strip();
                }
                continue;
            }
            if (line.equals("```")) {
                fence = null;
                continue;
            }
            if (!fence.equals("sh") || (pending.length() == 0 && (line.isEmpty() || line.startsWith("#")))) {
                continue;
            }
            if (pending.length() == 0) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            lines.add(new Line(
                    markdown, start, pending.toString().replaceAll("\\s+", " ").strip()));
            pending.setLength(0);
        }
        if (fence != null) {
            throw new IllegalStateException(markdown + ": a ``` block is not closed");
        }
        return lines;
    }

    /** The text of every {@code ```KIND} block of {@code markdown}, as a {@link Line} at its first line. */
    static List<Line> blocks(Path markdown, String kind) {
        List<String> text;
        try {
            text = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> blocks = new ArrayList<>();
        StringBuilder block = null;
        int start = 0;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (block == null && line.strip().equals("```" + kind)) {
                block = new StringBuilder();
                start = i + 2;
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(new Line(markdown, start, block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The simple commands of one line, outer ones first, then those inside {@code $(...)}. */
    static List<Simple> simpleCommands(String line) {
        List<Simple> result = new ArrayList<>();
        List<String> substitutions = new ArrayList<>();
        for (String part : splitOperators(line, substitutions)) {
            result.add(simple(part));
        }
        for (String inner : substitutions) {
            result.addAll(simpleCommands(inner));
        }
        return result;
    }

    // Splits on && || ; | (and a trailing &) outside quotes and $(...); collects the $(...) insides.
    private static List<String> splitOperators(String line, List<String> substitutions) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                    int end = closingParen(line, i + 1);
                    substitutions.add(line.substring(i + 2, end));
                    current.append(line, i, end + 1);
                    i = end;
                    continue;
                }
                current.append(c);
                continue;
            }
            if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break; // a comment to the end of the line
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                int end = closingParen(line, i + 1);
                substitutions.add(line.substring(i + 2, end));
                current.append(line, i, end + 1);
                i = end;
            } else if (c == ';' || c == '|' || c == '&') {
                if (i + 1 < line.length() && line.charAt(i + 1) == c && c != ';') {
                    i++;
                }
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + line);
        }
        parts.add(current.toString());
        return parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static int closingParen(String line, int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            if (line.charAt(i) == '(') {
                depth++;
            } else if (line.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed $( in: " + line);
    }

    private static Simple simple(String command) {
        List<String> words = words(command);
        Map<String, String> env = new LinkedHashMap<>();
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String assignment = words.get(first++);
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return new Simple(env, List.copyOf(words.subList(first, words.size())));
    }

    /** The words of a simple command, quotes removed ({@code $(...)} kept as typed). */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                    int end = closingParen(command, i + 1);
                    word.append(command, i, end + 1);
                    i = end;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                int end = closingParen(command, i + 1);
                word.append(command, i, end + 1);
                inWord = true;
                i = end;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
