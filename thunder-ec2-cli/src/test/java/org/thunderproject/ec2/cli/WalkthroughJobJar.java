package org.thunderproject.ec2.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A one-class application jar, compiled by this JVM's compiler, for {@code submit} to run on a master. */
final class WalkthroughJobJar {
    static final String MAIN_CLASS = "walkthrough.Job";
    static final String GREETING = "walkthrough job ran with";

    private WalkthroughJobJar() {}

    /** Compiles {@code walkthrough.Job} (it prints the greeting and its arguments) into {@code directory/job.jar}. */
    static Path write(Path directory) throws IOException {
        Path source = directory.resolve("src/walkthrough/Job.java");
        Path classes = directory.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(
                source,
                "package walkthrough;\n"
                        + "public final class Job {\n"
                        + "  public static void main(String[] args) {\n"
                        + "    System.out.println(\"" + GREETING + " \" + String.join(\" \", args));\n"
                        + "  }\n"
                        + "}\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IOException("javac failed on " + source + " (status " + status + ")");
        }
        Path jar = directory.resolve("job.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : List.of("walkthrough/", "walkthrough/Job.class")) {
                out.putNextEntry(new JarEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write(Files.readAllBytes(classes.resolve(entry)));
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
