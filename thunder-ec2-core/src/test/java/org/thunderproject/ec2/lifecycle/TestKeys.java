package org.thunderproject.ec2.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Key pairs for tests: created by the cloud, or made with ssh-keygen and imported. Files are 0600. */
final class TestKeys {
    private TestKeys() {}

    /** A key pair and its private key file. */
    record KeyPair(String name, Path file) {}

    /** CreateKeyPair (RSA): EC2 makes the key and returns the private key once. */
    static KeyPair create(Ec2Client ec2, Path dir, String name) throws IOException {
        String material = ec2.createKeyPair(r -> r.keyName(name)).keyMaterial();
        return new KeyPair(name, writeSecret(dir.resolve(name + ".pem"), material));
    }

    /** ssh-keygen makes the key, ImportKeyPair uploads its public half. */
    static KeyPair imported(Ec2Client ec2, Path dir, String name, String type)
            throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Process keygen = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", type, "-m", "PEM", "-N", "", "-C", name, "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keygen.waitFor(60, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        byte[] publicKey = Files.readAllBytes(Path.of(file + ".pub"));
        ec2.importKeyPair(r -> r.keyName(name).publicKeyMaterial(SdkBytes.fromByteArray(publicKey)));
        return new KeyPair(name, file);
    }

    /** Whether ssh-keygen (openssh-client) can be run. */
    static boolean sshKeygenAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "ssh-keygen"))) {
                return true;
            }
        }
        return false;
    }

    static Path writeSecret(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
