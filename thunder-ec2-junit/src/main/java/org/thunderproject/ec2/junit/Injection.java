package org.thunderproject.ec2.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Field injection and context lookup shared by the extensions of this module. */
final class Injection {
    private Injection() {}

    /**
     * Sets the fields of {@code type} (and its superclasses) that are still null to
     * {@code values.apply(fieldType)} where that is not null: the static fields when
     * {@code instance} is null, else the instance's own. Final fields are left alone.
     */
    static void fields(Class<?> type, Object instance, Function<Class<?>, Object> values)
            throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (Modifier.isFinal(field.getModifiers()) || isStatic != (instance == null)) {
                    continue;
                }
                Object value = values.apply(field.getType());
                if (value == null) {
                    continue;
                }
                field.setAccessible(true);
                if (field.get(instance) == null) {
                    field.set(instance, value);
                }
            }
        }
    }

    /** The context of the test class {@code context} belongs to (itself when it is one). */
    static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext;
    }
}
