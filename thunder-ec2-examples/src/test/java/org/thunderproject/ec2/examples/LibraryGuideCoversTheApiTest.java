package org.thunderproject.ec2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.LaunchPhase;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.ThunderEc2Exception;

/**
 * {@code docs/library-guide.md} keeps up with the API: every field of {@link ClusterSpec}, every
 * operation of {@link Cluster}, every builder setting of {@link ThunderEc2}, every phase, step and
 * event, and every exception of the public package is named in it. A new API element without a
 * line in the guide fails here.
 */
final class LibraryGuideCoversTheApiTest {

    private static String guide;

    @BeforeAll
    static void readGuide() throws IOException {
        guide = Files.readString(DocCommands.repositoryRoot().resolve("docs/library-guide.md"));
    }

    @Test
    void everySpecFieldIsInTheTable() {
        List<String> missing = new ArrayList<>();
        for (Method m : ClusterSpec.class.getDeclaredMethods()) {
            boolean attribute = Modifier.isPublic(m.getModifiers())
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0
                    && !m.getName().startsWith("effective")
                    && !m.getName().equals("toBuilder");
            if (attribute
                    && !guide.contains("| `" + m.getName() + "`")
                    && !guide.contains("| `" + m.getName() + " (")) {
                missing.add(m.getName());
            }
        }
        // keyName and identityFile share the keyPair row.
        missing.removeAll(List.of("keyName", "identityFile"));
        assertThat(missing)
                .as("ClusterSpec fields missing from the guide's table")
                .isEmpty();
        assertThat(guide).contains("`keyPair(keyName, identityFile)`");
    }

    @Test
    void everyClusterOperationIsNamed() {
        assertNamed(
                "Cluster operations", Arrays.stream(Cluster.class.getMethods()).map(Method::getName));
    }

    @Test
    void everyConnectionSettingIsNamed() {
        assertNamed(
                "ThunderEc2.Builder settings",
                Arrays.stream(ThunderEc2.Builder.class.getDeclaredMethods())
                        .filter(m -> Modifier.isPublic(m.getModifiers())
                                && !m.getName().equals("build"))
                        .map(Method::getName));
    }

    @Test
    void everyPhaseStepAndEventIsNamed() {
        assertNamed("launch phases", Arrays.stream(LaunchPhase.values()).map(Enum::name));
        assertNamed("event steps", Arrays.stream(ClusterEvent.Step.values()).map(Enum::name));
        assertNamed(
                "events",
                Arrays.stream(ClusterEvent.class.getPermittedSubclasses()).map(Class::getSimpleName));
    }

    @Test
    void everyExceptionIsInTheHierarchyAndTheTable() throws IOException, URISyntaxException {
        Path core = Path.of(ThunderEc2Exception.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> exceptions;
        if (Files.isDirectory(core)) {
            try (Stream<Path> files = Files.list(core.resolve("org/thunderproject/ec2"))) {
                exceptions = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith("Exception.class"))
                        .map(n -> n.substring(0, n.length() - ".class".length()))
                        .toList();
            }
        } else {
            try (JarFile jar = new JarFile(core.toFile())) {
                exceptions = jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.matches("org/thunderproject/ec2/[A-Za-z0-9]+Exception\\.class"))
                        .map(n -> n.substring("org/thunderproject/ec2/".length(), n.length() - ".class".length()))
                        .toList();
            }
        }
        assertThat(exceptions).contains("ThunderEc2Exception", "InvalidSpecException");
        List<String> missing = new ArrayList<>();
        for (String exception : exceptions) {
            if (!guide.matches("(?s).*[└├]── " + exception + "\\n.*")) {
                missing.add(exception + " (hierarchy)");
            }
            if (!exception.equals("ThunderEc2Exception") && !guide.contains("| `" + exception + "`")) {
                missing.add(exception + " (errors table)");
            }
        }
        assertThat(missing).as("exceptions the guide does not explain").isEmpty();
    }

    private static void assertNamed(String what, Stream<String> names) {
        List<String> missing = names.distinct()
                .filter(n -> !List.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait")
                        .contains(n))
                .filter(n -> !guide.contains("`" + n + "`")
                        && !guide.contains("`" + n + "(")
                        && !guide.contains(" " + n + "(")
                        && !guide.contains("." + n + "("))
                .toList();
        assertThat(missing).as(what + " missing from docs/library-guide.md").isEmpty();
    }
}
