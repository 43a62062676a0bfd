package org.thunderproject.ec2.lifecycle;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.thunderproject.ec2.ClusterSpec;

/**
 * Lets a test class set autostops shorter than {@link ClusterSpec#MINIMUM_AUTOSTOP} (the test-only
 * knob {@link ClusterSpec#TEST_MINIMUM_AUTOSTOP_PROPERTY}), and takes the knob away after it.
 */
final class ShortAutostop implements BeforeAllCallback, AfterAllCallback {
    /** The shortest autostop such a class may set. */
    static final String MINIMUM = "PT1S";

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY, MINIMUM);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(ClusterSpec.TEST_MINIMUM_AUTOSTOP_PROPERTY);
    }
}
