package org.thunderproject.ec2.junit;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.localcloud.LocalCloud;
import org.thunderproject.ec2.localcloud.LocalCloudExtension;

/**
 * JUnit 5: what {@link LocalCloudExtension} does (one {@link LocalCloud} per test class, injected
 * with its {@code Ec2Client}; faults cleared after each test) plus one {@link ThunderEc2} per
 * class bound to that cloud ({@code ThunderEc2.builder().localCloud(endpoint, region)}, its home
 * under the cloud's data directory), injected into parameters and into fields that are still null.
 * The ThunderEc2 is closed after the class, before the cloud.
 *
 * <pre>{@code
 * @ExtendWith(ThunderEc2Extension.class)
 * class MyTest {
 *   @Test
 *   void launches(ThunderEc2 thunder, LocalCloud cloud) { ... }
 * }
 * }</pre>
 */
public final class ThunderEc2Extension
        implements BeforeAllCallback,
                AfterAllCallback,
                AfterEachCallback,
                TestInstancePostProcessor,
                ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ThunderEc2Extension.class);

    private final LocalCloudExtension clouds;

    /** The extension with a default cloud (for {@code @ExtendWith}). */
    public ThunderEc2Extension() {
        this(LocalCloudExtension.configured(b -> b));
    }

    private ThunderEc2Extension(LocalCloudExtension clouds) {
        this.clouds = clouds;
    }

    /** The extension with a cloud configured by {@code configuration} (for {@code @RegisterExtension}). */
    public static ThunderEc2Extension configured(UnaryOperator<LocalCloud.Builder> configuration) {
        return new ThunderEc2Extension(
                LocalCloudExtension.configured(Objects.requireNonNull(configuration, "configuration")));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        clouds.beforeAll(context);
        Injection.fields(context.getRequiredTestClass(), null, type -> value(type, context));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            ThunderEc2 own = context.getStore(NAMESPACE).remove(ThunderEc2.class, ThunderEc2.class);
            if (own != null) {
                own.close();
            }
        } finally {
            clouds.afterAll(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clouds.afterEach(context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        clouds.postProcessTestInstance(testInstance, context);
        Injection.fields(testInstance.getClass(), testInstance, type -> value(type, context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ThunderEc2.class || clouds.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ThunderEc2.class
                ? thunder(context)
                : clouds.resolveParameter(parameter, context);
    }

    private Object value(Class<?> type, ExtensionContext context) {
        return type == ThunderEc2.class ? thunder(context) : null;
    }

    // One per class: an enclosing class's if it has one (nested classes share its cloud), else made here.
    private ThunderEc2 thunder(ExtensionContext context) {
        ThunderEc2 existing = context.getStore(NAMESPACE).get(ThunderEc2.class, ThunderEc2.class);
        if (existing != null) {
            return existing;
        }
        LocalCloud cloud = clouds.cloud(context);
        return Injection.classContext(context)
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(ThunderEc2.class, k -> LocalBinding.thunder(cloud), ThunderEc2.class);
    }
}
