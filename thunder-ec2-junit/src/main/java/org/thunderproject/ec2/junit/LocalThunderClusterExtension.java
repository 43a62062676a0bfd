package org.thunderproject.ec2.junit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.thunderproject.ec2.Cluster;
import org.thunderproject.ec2.SparkConnect;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The extension behind {@link LocalThunderCluster}: per test class a {@link LocalClusterFixture}
 * (cloud, ThunderEc2, key pair, cluster), made before all tests and closed after them.
 */
public final class LocalThunderClusterExtension
        implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalThunderClusterExtension.class);
    // What a test can ask for.
    private static final Set<Class<?>> INJECTABLE =
            Set.of(Cluster.class, ThunderEc2.class, LocalCloud.class, Ec2Client.class, SparkConnect.class);

    /** Made by JUnit through {@link LocalThunderCluster}. */
    public LocalThunderClusterExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalClusterFixture fixture = fixture(context);
        fixture.launchIfAsked();
        Injection.fields(context.getRequiredTestClass(), null, fixture::value);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalClusterFixture own =
                context.getStore(NAMESPACE).remove(LocalClusterFixture.class, LocalClusterFixture.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        // With a per-class lifecycle this comes before beforeAll: the handle exists, not yet launched.
        Injection.fields(testInstance.getClass(), testInstance, fixture(context)::value);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fixture(context).value(parameter.getParameter().getType());
    }

    // The class's fixture, or an enclosing class's (nested classes share it), made on first use.
    private static LocalClusterFixture fixture(ExtensionContext context) {
        LocalClusterFixture existing =
                context.getStore(NAMESPACE).get(LocalClusterFixture.class, LocalClusterFixture.class);
        if (existing != null) {
            return existing;
        }
        ExtensionContext classContext = Injection.classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        LocalThunderCluster settings = AnnotationSupport.findAnnotation(testClass, LocalThunderCluster.class)
                .orElseThrow(() -> new ExtensionConfigurationException("LocalThunderClusterExtension is registered by"
                        + " annotating the test class with @LocalThunderCluster; " + testClass.getName() + " is not"));
        if (settings.slaves() < 1) {
            throw new ExtensionConfigurationException("@LocalThunderCluster(slaves = " + settings.slaves() + ") on "
                    + testClass.getName() + ": a cluster needs at least 1 slave");
        }
        if (settings.spark()) {
            assumeTrue(
                    LocalCloud.builtSparkRuntime().isPresent(),
                    "@LocalThunderCluster(spark = true) needs the Spark"
                            + " runtime tarball (thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz, or system property "
                            + LocalCloud.SPARK_RUNTIME_PROPERTY + "=FILE); none was found");
        }
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        LocalClusterFixture.class,
                        k -> LocalClusterFixture.start(settings, testClass.getSimpleName()),
                        LocalClusterFixture.class);
    }
}
