package org.thunderproject.ec2.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests of a cluster's life over SSH, through the real AWS SDK over HTTP and
 * real SSH against the local cloud: one cloud whose SSH servers answer {@link #BOOT_DELAY} after
 * their instance runs, for the class; the clusters of a test are destroyed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractClusterSshTest {
    /** Long enough that a start() surely tries SSH while the nodes still refuse it. */
    static final Duration BOOT_DELAY = Duration.ofSeconds(3);

    @TempDir
    static Path keys;

    SshFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = SshFixture.start(keys, BOOT_DELAY);
    }

    @AfterEach
    void cleanUp() {
        fx.destroyAll();
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }
}
