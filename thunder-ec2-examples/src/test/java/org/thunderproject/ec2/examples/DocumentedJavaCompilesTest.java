package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code docs/**.md} compiles against the public API: statements go
 * into a method of a class whose fields stand for what the docs' fragments take as given
 * ({@code cluster}, {@code cloud}, {@code dir}, {@code keyFile}, {@code log}); class and field
 * declarations become its members. A renamed or removed API method fails the build here.
 */
final class DocumentedJavaCompilesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = String.join(
            "\n",
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import static org.apache.spark.sql.functions.*;",
            "import java.net.URI;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import org.apache.spark.sql.*;",
            "import org.junit.jupiter.api.*;",
            "import org.junit.jupiter.api.extension.*;",
            "import org.junit.jupiter.api.io.TempDir;",
            "import org.slf4j.Logger;",
            "import org.thunderproject.ec2.*;",
            "import org.thunderproject.ec2.examples.*;",
            "import org.thunderproject.ec2.junit.*;",
            "import org.thunderproject.ec2.localcloud.*;",
            "import org.thunderproject.ec2.ssh.*;",
            "import software.amazon.awssdk.services.ec2.Ec2Client;");
    // What the fragments take as given; their own declarations shadow these fields.
    private static final String GIVEN = String.join(
            "\n", "  Cluster cluster;", "  LocalCloud cloud;", "  Path dir;", "  Path keyFile;", "  Logger log;");

    @TempDir
    Path out;

    @Test
    void everyJavaBlockOfTheDocsCompiles() throws IOException {
        Path root = DocCommands.repositoryRoot();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            for (Path doc :
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher block = JAVA_BLOCK.matcher(Files.readString(doc));
                for (int i = 0; block.find(); i++) {
                    String name = "Doc_" + doc.getFileName().toString().replaceAll("\\W", "_") + "_" + i;
                    Path source = out.resolve(name + ".java");
                    Files.writeString(source, wrap(name, block.group(1)));
                    sources.add(source);
                }
            }
        }
        assertThat(sources).as("java blocks in the docs").hasSizeGreaterThan(5);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(
                List.of("-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        sources.forEach(s -> args.add(s.toString()));
        int status = compiler.run(null, errors, errors, args.toArray(new String[0]));
        assertThat(status)
                .as("the docs' Java compiles:\n" + errors.toString(StandardCharsets.UTF_8) + "\n" + listing(sources))
                .isZero();
    }

    /** Class-level declarations (lines from a column-0 annotation, class or field up to balanced braces) become members. */
    static String wrap(String className, String block) {
        StringBuilder members = new StringBuilder();
        StringBuilder statements = new StringBuilder();
        int depth = 0;
        boolean inMember = false;
        for (String line : block.split("\n", -1)) {
            if (depth == 0 && !inMember && line.matches("(@|final class |class |static |public ).*")) {
                inMember = true;
            }
            (inMember ? members : statements).append(line).append('\n');
            for (char c : line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "").toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (inMember && depth == 0 && (line.endsWith("}") || line.endsWith(";"))) {
                inMember = false;
            }
        }
        StringBuilder given = new StringBuilder();
        for (String field : GIVEN.split("\n")) {
            String name = field.strip().replaceAll(".* (\\w+);", "$1");
            // A member of the same name (a fragment's own field) replaces the given one.
            if (!Pattern.compile("(?m)^\\S.*\\b" + name + "\\s*[=;]")
                    .matcher(members)
                    .find()) {
                given.append(field).append('\n');
            }
        }
        return IMPORTS + "\n\nclass " + className + " {\n" + given + "\n" + members
                + "\n  void fragment() throws Exception {\n" + statements + "\n  }\n}\n";
    }

    private static String listing(List<Path> sources) {
        StringBuilder text = new StringBuilder();
        for (Path source : sources) {
            try {
                text.append("---- ")
                        .append(source.getFileName())
                        .append(File.separator)
                        .append('\n');
                String[] lines = Files.readString(source).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    text.append(i + 1).append(": ").append(lines[i]).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }
}
