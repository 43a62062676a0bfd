package org.thunderproject.ec2.lifecycle;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle against the EC2-compatible endpoint in system property {@code thunder.ec2.endpoint}
 * ({@code mvn verify -Dthunder.ec2.endpoint=http://127.0.0.1:4566}); skipped when it is empty.
 */
@ExtendWith(EndpointLifecycleTest.EndpointConfigured.class)
class EndpointLifecycleTest extends AbstractLifecycleTest {
    static final String PROPERTY = "thunder.ec2.endpoint";

    @Override
    Ec2Target createTarget() {
        return EndpointTarget.fromSystemProperties(System.getProperty(PROPERTY));
    }

    /** Runs the class only when an endpoint is given. */
    static final class EndpointConfigured implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String endpoint = System.getProperty(PROPERTY, "");
            return endpoint.isBlank()
                    ? ConditionEvaluationResult.disabled("system property " + PROPERTY + " is empty: pass -D" + PROPERTY
                            + "=URL to run the lifecycle against an EC2-compatible endpoint")
                    : ConditionEvaluationResult.enabled("endpoint " + endpoint);
        }
    }
}
