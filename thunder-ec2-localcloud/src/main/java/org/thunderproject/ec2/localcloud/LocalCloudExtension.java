package org.thunderproject.ec2.localcloud;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * JUnit 5: one {@link LocalCloud} per test class, started before all tests and closed after all.
 * It is injected into test and lifecycle method parameters, and into fields that are still null,
 * of type {@link LocalCloud} or {@link Ec2Client} (one client per class, bound to the cloud).
 * Faults are cleared after each test, so tests don't leak them into each other. (A
 * {@code ThunderEc2} bound to the cloud is injected by {@code ThunderEc2Extension} of the
 * {@code thunder-ec2-junit} module.)
 *
 * <pre>{@code
 * @ExtendWith(LocalCloudExtension.class)
 * class MyTest {
 *   @Test
 *   void lists(Ec2Client ec2) {
 *     assertThat(ec2.describeRegions().regions()).isNotEmpty();
 *   }
 * }
 *
 * // or, configured:
 * @RegisterExtension
 * static LocalCloudExtension cloud = LocalCloudExtension.configured(b -> b.pendingTime(Duration.ofSeconds(1)));
 * }</pre>
 *
 * Nested test classes share their enclosing class's cloud.
 */
public final class LocalCloudExtension
        implements BeforeAllCallback,
                AfterAllCallback,
                AfterEachCallback,
                TestInstancePostProcessor,
                ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalCloudExtension.class);
    private static final String KEY = "cloud";
    private static final Set<Class<?>> INJECTABLE = Set.of(LocalCloud.class, Ec2Client.class);

    private final UnaryOperator<LocalCloud.Builder> configuration;

    /** The extension with a default cloud (for {@code @ExtendWith}). */
    public LocalCloudExtension() {
        this(b -> b);
    }

    private LocalCloudExtension(UnaryOperator<LocalCloud.Builder> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** The extension with a cloud configured by {@code configuration} (for {@code @RegisterExtension}). */
    public static LocalCloudExtension configured(UnaryOperator<LocalCloud.Builder> configuration) {
        return new LocalCloudExtension(configuration);
    }

    // What one test class holds: the cloud and the clients made for injection.
    private static final class Holder implements AutoCloseable {
        private final LocalCloud cloud;
        private Ec2Client ec2;

        Holder(LocalCloud cloud) {
            this.cloud = cloud;
        }

        synchronized Object value(Class<?> type) {
            if (type == LocalCloud.class) {
                return cloud;
            }
            if (ec2 == null) {
                ec2 = cloud.ec2Client();
            }
            return ec2;
        }

        @Override
        public void close() {
            cloud.close(); // closes the clients too
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Holder holder = holder(context);
        injectFields(context.getRequiredTestClass(), null, holder);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Holder own = context.getStore(NAMESPACE).remove(KEY, Holder.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Holder holder = context.getStore(NAMESPACE).get(KEY, Holder.class);
        if (holder != null) {
            holder.cloud.faults().clear();
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        injectFields(testInstance.getClass(), testInstance, holder(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return holder(extensionContext).value(parameterContext.getParameter().getType());
    }

    /**
     * The cloud of the test class {@code context} belongs to (or of an enclosing class), started on
     * first use: for extensions that build on this one, such as {@code ThunderEc2Extension}.
     */
    public LocalCloud cloud(ExtensionContext context) {
        return holder(context).cloud;
    }

    // The class's holder (or an enclosing class's), started on first use in the class-level context.
    private Holder holder(ExtensionContext context) {
        Holder existing = context.getStore(NAMESPACE).get(KEY, Holder.class);
        if (existing != null) {
            return existing;
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        KEY,
                        k -> new Holder(
                                configuration.apply(LocalCloud.builder()).start()),
                        Holder.class);
    }

    private static void injectFields(Class<?> type, Object instance, Holder holder) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (!INJECTABLE.contains(field.getType())
                        || Modifier.isFinal(field.getModifiers())
                        || isStatic != (instance == null)) {
                    continue;
                }
                field.setAccessible(true);
                if (field.get(instance) == null) {
                    field.set(instance, holder.value(field.getType()));
                }
            }
        }
    }
}
