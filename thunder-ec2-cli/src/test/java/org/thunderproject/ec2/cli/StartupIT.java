package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * What makes the packaged command start fast, checked by what the JVM loads, never by timing:
 * commands that reach no cloud load no AWS SDK class, and bin/thunder-ec2 uses the build's
 * class-data-sharing archive and picocli.jar when they match the jar and runs the same without them.
 */
class StartupIT {

    private static final String SDK = "software.amazon.awssdk.";

    @TempDir
    Path home;

    @Test
    void commandsThatReachNoCloudLoadNoSdkClass() throws Exception {
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("--version"),
                List.of("generate-completion"),
                List.of("completion", "bash"),
                List.of("launch", "--help"))) {
            Processes.Result result = loadingClasses(args);
            assertThat(result.exitCode()).as(args + ": " + result.err()).isZero();
            assertThat(result.out())
                    .as(args.toString())
                    .contains("picocli.CommandLine ")
                    .doesNotContain(SDK);
        }
    }

    @Test
    void listLoadsTheSdk() throws Exception {
        // The check above can fail: a command that reaches the cloud does load the SDK.
        try (LocalCloud cloud = LocalCloud.builder().withoutSsh().start()) {
            Processes.Result result = loadingClasses(
                    List.of("--local", "--endpoint-url", cloud.endpoint().toString(), "list"));
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains(SDK + "services.ec2.Ec2Client ");
        }
    }

    @Test
    void launcherUsesTheBuildsArchiveForItsJar() throws Exception {
        Path archive = archiveOf(Processes.jar());
        assertThat(archive).as("the archive mvn package makes beside the jar").isRegularFile();
        Processes.Result result =
                launcher(Map.of("THUNDER_EC2_JAVA_OPTS", "-Duser.home=" + home + " -Xlog:class+load=info"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        // Our classes come from the archive; picocli's cannot (Java 5 class files, which CDS skips), so
        // they come from the boot class path, which the JVM does not verify.
        assertThat(result.out())
                .contains("org.thunderproject.ec2.cli.ThunderEc2Command source: shared objects file (top)")
                .contains("picocli.CommandLine source: " + Processes.jar().resolveSibling("picocli.jar"));
    }

    @Test
    void launcherRunsTheSameWithoutAnArchiveOrWithOneThatDoesNotMatch() throws Exception {
        Processes.Result withArchive = launcher(Map.of("THUNDER_EC2_JAVA_OPTS", "-Duser.home=" + home));
        assertThat(withArchive.exitCode()).as(withArchive.err()).isZero();

        // A copy of the jar elsewhere: first no archive beside it, then the build's, made for another path.
        Path jar = Files.copy(Processes.jar(), home.resolve("thunder-ec2.jar"));
        Map<String, String> env =
                Map.of("THUNDER_EC2_JAR", jar.toString(), "THUNDER_EC2_JAVA_OPTS", "-Duser.home=" + home);
        Processes.Result without = launcher(env);
        Path copied = Files.copy(archiveOf(Processes.jar()), archiveOf(jar));
        // Newer than the jar, as the launcher wants: the JVM itself has to see that it does not match.
        Files.setLastModifiedTime(
                copied, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(60)));
        Processes.Result mismatched = launcher(env);
        // With picocli.jar beside it too: a boot class path the archive was not made with.
        Files.copy(Processes.jar().resolveSibling("picocli.jar"), jar.resolveSibling("picocli.jar"));
        Processes.Result otherBootPath = launcher(env);

        for (Processes.Result result : List.of(without, mismatched, otherBootPath)) {
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out()).isEqualTo(withArchive.out());
        }
    }

    private Processes.Result loadingClasses(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Processes.javaBinary(),
                "-Duser.home=" + home,
                "-Daws.disableEc2Metadata=true",
                "-Xlog:class+load=info",
                "-jar",
                Processes.jar().toString()));
        command.addAll(args);
        return Processes.run(command, home, Map.of());
    }

    private Processes.Result launcher(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_HOME", System.getProperty("java.home"));
        return Processes.run(List.of(System.getProperty("thunder.cli.launcher"), "--help"), home, all);
    }

    private static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }
}
