package org.thunderproject.ec2.junit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
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
  // What a test can ask for. (Spark Connect's URL joins here when the cluster offers it.)
  private static final Set<Class<?>> INJECTABLE = Set.of(Cluster.class, ThunderEc2.class, LocalCloud.class,
      Ec2Client.class);

  /** Made by JUnit through {@link LocalThunderCluster}. */
  public LocalThunderClusterExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    LocalThunderCluster settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
        LocalThunderCluster.class).orElseThrow(() -> new ExtensionConfigurationException(
            "LocalThunderClusterExtension is registered by annotating the class with @LocalThunderCluster"));
    if (settings.slaves() < 1) {
      throw new ExtensionConfigurationException("@LocalThunderCluster(slaves = " + settings.slaves()
          + ") on " + context.getRequiredTestClass().getName() + ": a cluster needs at least 1 slave");
    }
    if (fixture(context).isPresent()) {
      return; // a nested class shares its enclosing class's cluster
    }
    if (settings.spark()) {
      assumeTrue(LocalCloud.builtSparkRuntime().isPresent(), "@LocalThunderCluster(spark = true) needs the Spark"
          + " runtime tarball (thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz, or system property "
          + LocalCloud.SPARK_RUNTIME_PROPERTY + "=FILE); none was found");
    }
    LocalClusterFixture fixture = LocalClusterFixture.start(settings, context.getRequiredTestClass().getSimpleName());
    context.getStore(NAMESPACE).put(LocalClusterFixture.class, fixture);
    fixture.launchIfAsked();
    Injection.fields(context.getRequiredTestClass(), null, fixture::value);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LocalClusterFixture own = context.getStore(NAMESPACE).remove(LocalClusterFixture.class, LocalClusterFixture.class);
    if (own != null) {
      own.close();
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
    Optional<LocalClusterFixture> fixture = fixture(context);
    if (fixture.isPresent()) {
      Injection.fields(testInstance.getClass(), testInstance, fixture.get()::value);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTABLE.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fixture(context).orElseThrow(() -> new ExtensionConfigurationException(
        "no @LocalThunderCluster cluster for " + context.getDisplayName()))
        .value(parameter.getParameter().getType());
  }

  private static Optional<LocalClusterFixture> fixture(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(LocalClusterFixture.class, LocalClusterFixture.class));
  }
}
