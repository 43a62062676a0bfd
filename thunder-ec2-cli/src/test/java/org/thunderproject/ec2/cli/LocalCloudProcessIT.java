package org.thunderproject.ec2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's walkthrough as a user runs it on one machine: {@code thunder-ec2 local-cloud} in the
 * background, then each command as its own {@code java -jar} process against it.
 */
class LocalCloudProcessIT {

  private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://127\\.0\\.0\\.1:(\\d+))");

  @TempDir Path home;

  @Test
  void seedCommandsAgainstALocalCloudProcess() throws Exception {
    Path keyFile = home.resolve("mykey.pem");
    Path cloudOut = home.resolve("local-cloud.out");
    Path cloudErr = home.resolve("local-cloud.err");
    Process cloud = new ProcessBuilder(Processes.javaBinary(), "-Duser.home=" + home, "-jar", Processes.jar().toString(),
        "-k", "mykey", "-i", "~/mykey.pem", "local-cloud", "--port", "0")
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(cloudOut.toFile()).redirectError(cloudErr.toFile()).start();
    try {
      Matcher endpoint = awaitEndpoint(cloud, cloudOut, cloudErr);
      String url = endpoint.group(1);
      assertThat(Files.readString(cloudOut)).contains("Key pair 'mykey' created; its private key is in " + keyFile);
      assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

      Processes.Result launch = cli(url, "-k", "mykey", "-i", "~/mykey.pem", "-s", "2", "launch", "demo");
      assertThat(launch.exitCode()).as(launch.err()).isZero();
      assertThat(launch.out()).startsWith("Cluster successfully launched!\nGo to http://");

      Processes.Result describe = cli(url, "describe", "demo", "--json");
      assertThat(describe.exitCode()).as(describe.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(describe.out());
      assertThat(json.get("state").asText()).isEqualTo("running");
      assertThat(json.get("slaves")).hasSize(2);
      String masterIp = json.get("master").get("publicIp").asText();
      assertThat(launch.out()).contains("http://" + masterIp + ":8080");
      System.out.println("cold start of 'describe --json' against the local cloud, as a process: "
          + describe.millis() + " ms");

      Processes.Result master = cli(url, "get-master", "demo");
      assertThat(master.out()).isEqualTo(masterIp + "\n");

      Processes.Result refused = cli(url, "-k", "mykey", "-i", "~/mykey.pem", "destroy", "demo");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).contains("refusing to destroy");

      Processes.Result destroy = cli(url, "-k", "mykey", "-i", "~/mykey.pem", "destroy", "demo", "--assume-yes");
      assertThat(destroy.exitCode()).as(destroy.err()).isZero();
      Processes.Result gone = cli(url, "describe", "demo");
      assertThat(gone.exitCode()).isEqualTo(1);
      assertThat(gone.err()).contains("no cluster named 'demo'");

      // Ctrl-C (here SIGTERM) stops the cloud cleanly.
      cloud.destroy();
      assertThat(cloud.waitFor(60, TimeUnit.SECONDS)).as("local-cloud exits on SIGTERM").isTrue();
      assertThat(Files.readString(cloudErr)).contains("Local cloud stopped.");
      assertThat(listening(Integer.parseInt(endpoint.group(2)))).isFalse();
    } finally {
      cloud.destroyForcibly();
    }
  }

  private Processes.Result cli(String endpoint, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--local", "--endpoint-url", endpoint));
    return Processes.java(home, all);
  }

  private static Matcher awaitEndpoint(Process cloud, Path out, Path err) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = ENDPOINT.matcher(Files.readString(out));
      if (matcher.find()) {
        return matcher;
      }
      // Waiting on the process doubles as the pause between polls, and notices an early exit.
      if (cloud.waitFor(100, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("local-cloud exited with " + cloud.exitValue() + ": " + Files.readString(err));
      }
    }
    throw new AssertionError("local-cloud printed no endpoint within 90 s: " + Files.readString(out) + Files.readString(err));
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
