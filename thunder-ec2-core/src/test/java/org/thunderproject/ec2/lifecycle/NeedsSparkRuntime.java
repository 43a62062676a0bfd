package org.thunderproject.ec2.lifecycle;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.thunderproject.ec2.localcloud.LocalCloud;

/**
 * A test class that installs the Spark runtime tarball the build makes (through {@link
 * ProvisionFixture}): without the tarball the class is disabled with a reason, so that each of its
 * tests is reported skipped with that reason (an assumption in {@code @BeforeAll} would abort the
 * class and surefire would count no test at all).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsSparkRuntime.Condition.class)
@interface NeedsSparkRuntime {

    /** Enables the class when {@link LocalCloud#builtSparkRuntime()} finds the tarball. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return LocalCloud.builtSparkRuntime().isPresent()
                    ? ConditionEvaluationResult.enabled("the Spark runtime tarball is built")
                    : ConditionEvaluationResult.disabled(missing());
        }

        /** What is missing and how to build it. */
        static String missing() {
            return "the Spark runtime tarball is missing (thunder-ec2-spark-runtime/target/spark-*-bin-thunder.tgz,"
                    + " system property " + LocalCloud.SPARK_RUNTIME_PROPERTY + "="
                    + System.getProperty(LocalCloud.SPARK_RUNTIME_PROPERTY)
                    + "): build it with `mvn -DskipTests package`";
        }
    }
}
