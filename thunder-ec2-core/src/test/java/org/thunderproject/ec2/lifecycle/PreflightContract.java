package org.thunderproject.ec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.thunderproject.ec2.lifecycle.NodeIds.ids;
import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.InvalidSpecException;
import org.thunderproject.ec2.PreflightException;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Launches refused before anything is created (key file, key pair, AMI, duplicate name, bad spec),
 * and imported key pairs of each type that pass the fingerprint check.
 */
interface PreflightContract extends LifecycleFixture {
    @Test
    default void keyFileReadableByOthersIsRefusedWithNothingCreated() throws IOException {
        Path open = keys().resolve(name("open") + ".pem");
        Files.copy(key().file(), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        String name = name("open");

        assertThatThrownBy(() -> cluster(spec(name).keyPair(key().name(), open)).launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("chmod 600 " + open);
        assertNothingCreated(name);
    }

    @Test
    default void keyFileOfAnotherKeyPairIsRefusedWithNothingCreated() throws IOException {
        TestKeys.KeyPair other = TestKeys.create(ec2(), keys(), name("other"));
        String name = name("wrongkey");

        assertThatThrownBy(() ->
                        cluster(spec(name).keyPair(key().name(), other.file())).launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not hold the key of key pair '" + key().name() + "'");
        assertNothingCreated(name);
    }

    @Test
    default void unknownKeyPairIsRefusedWithNothingCreated() {
        String name = name("nokey");

        assertThatThrownBy(() -> cluster(spec(name).keyPair("no-such-key-" + name, key().file()))
                        .launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not exist in region");
        assertNothingCreated(name);
    }

    @Test
    default void unknownAmiIsRefusedWithNothingCreated() {
        String name = name("noami");

        assertThatThrownBy(
                        () -> cluster(spec(name).ami("ami-00000000000000000")).launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("ami-00000000000000000 does not exist");
        assertNothingCreated(name);
    }

    @Test
    default void launchWithoutKeyPairIsRefusedWithNothingCreated() {
        String name = name("nokeypair");

        assertThatThrownBy(() -> thunder()
                        .cluster(ClusterSpec.builder().name(name).build())
                        .launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("needs a key pair");
        assertNothingCreated(name);
    }

    @Test
    default void duplicateNameIsRefusedAndTheExistingClusterIsUntouched() {
        String name = name("dup");
        ClusterDescription first = cluster(spec(name).slaves(1)).launch(target().phase());

        assertThatThrownBy(() -> cluster(spec(name).slaves(3)).launch(target().phase()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("resume()");
        assertThat(rawInstances(name))
                .extracting(Instance::instanceId)
                .containsExactlyInAnyOrderElementsOf(ids(first.nodes()));
    }

    @Test
    default void badSpecIsRefusedBeforeAnyCall() {
        String name = name("bad");

        assertThatThrownBy(() -> spec(name).slaves(0).build())
                .isInstanceOfSatisfying(
                        InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("slaves"));
        assertThatThrownBy(() -> spec(name + " with spaces").build()).isInstanceOf(InvalidSpecException.class);
        assertNothingCreated(name);
    }

    @Test
    default void importedKeyPairsPassTheFingerprintCheck() throws Exception {
        assumeTrue(TestKeys.sshKeygenAvailable(), "ssh-keygen (openssh-client) is not installed");
        for (String type : List.of("rsa", "ed25519")) {
            TestKeys.KeyPair imported = TestKeys.imported(ec2(), keys(), name("imp-" + type), type);
            String name = name("imp-" + type);

            ClusterDescription launched = cluster(
                            spec(name).keyPair(imported.name(), imported.file()).slaves(1))
                    .launch(target().phase());

            assertComplete(launched, 1);
        }
    }
}
