package org.thunderproject.ec2.lifecycle;

import static org.thunderproject.ec2.lifecycle.UniqueNames.name;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.localcloud.Faults;

/**
 * The cluster lifecycle through the real AWS SDK over HTTP, against whatever EC2-compatible
 * endpoint a subclass provides. This class holds the fixture (the target, a key pair, the clusters
 * to destroy); the tests are the contracts' default methods. It implements every contract so that
 * each target gets every test. Every test uses its own cluster name and cleans up after itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLifecycleTest
        implements LaunchContract, ResumeContract, StopAndDestroyContract, Ec2TroubleContract, PreflightContract {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractLifecycleTest.class);

    private Ec2Target target;
    private TestKeys.KeyPair key;
    private final List<Cluster> toDestroy = new ArrayList<>();

    @TempDir
    static Path keys;

    /** The endpoint under test; called once per class. */
    abstract Ec2Target createTarget() throws Exception;

    @BeforeAll
    void startTarget() throws Exception {
        target = createTarget();
        key = TestKeys.create(target.ec2(), keys, name("key"));
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @AfterEach
    void cleanUp() {
        Thread.interrupted();
        target.faults().ifPresent(Faults::clear);
        for (Cluster cluster : toDestroy) {
            try {
                cluster.destroy();
            } catch (RuntimeException e) {
                LOG.warn("cleaning up {} failed", cluster, e);
            }
        }
        toDestroy.clear();
    }

    @Override
    public Ec2Target target() {
        return target;
    }

    @Override
    public TestKeys.KeyPair key() {
        return key;
    }

    @Override
    public Path keys() {
        return keys;
    }

    @Override
    public Cluster cluster(ClusterSpec.Builder spec) {
        Cluster cluster = thunder().cluster(spec.build());
        toDestroy.add(cluster);
        return cluster;
    }
}
