package org.thunderproject.ec2.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a sample test class through the JUnit launcher (surefire skips nested classes). */
final class SampleRuns {
    private SampleRuns() {}

    static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(testClass))
                        .build(),
                listener);
        return listener.getSummary();
    }

    static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(f -> text.append(f.getTestIdentifier().getDisplayName())
                .append(": ")
                .append(f.getException())
                .append('\n'));
        return text.toString();
    }
}
