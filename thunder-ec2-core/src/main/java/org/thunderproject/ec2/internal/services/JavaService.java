package org.thunderproject.ec2.internal.services;

import java.util.List;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServiceNode;
import org.thunderproject.ec2.ServiceScript;
import org.thunderproject.ec2.ServiceStep;

/** Java 17+ on every node: kept when present, else installed with the system package manager. */
final class JavaService implements Service {
    static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ServiceScript> scripts(ServiceStep step, ServiceNode node) {
        return step == ServiceStep.INSTALL ? List.of(BuiltInServices.script(NAME, "install-java.sh")) : List.of();
    }

    @Override
    public String toString() {
        return "Service(" + NAME + ")";
    }
}
