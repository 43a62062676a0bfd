package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.List;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Instance;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;
import org.thunderproject.ec2.localcloud.internal.model.Lifecycle;
import org.thunderproject.ec2.localcloud.internal.model.Zone;

/**
 * StartInstances, StopInstances, TerminateInstances, RebootInstances. Every instance is checked
 * before any changes, so a refused call changes nothing. Calls on instances already in (or on
 * their way to) the target state succeed without effect, as in EC2.
 */
final class InstanceStateActions {

    private InstanceStateActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("StartInstances", InstanceStateActions::start);
        registry.locked("StopInstances", InstanceStateActions::stop);
        registry.locked("TerminateInstances", InstanceStateActions::terminate);
        registry.locked("RebootInstances", InstanceStateActions::reboot);
    }

    private record Change(Instance instance, InstanceState previous) {}

    private static List<Instance> instances(Request request) {
        List<String> ids = request.params().strings("InstanceId");
        if (ids.isEmpty()) {
            throw Ec2Error.missing("InstanceId");
        }
        return request.region().instances(ids);
    }

    private static Ec2Error incorrectState(Instance instance, String verb) {
        return Ec2Error.of(
                "IncorrectInstanceState",
                "The instance '" + instance.id() + "' is not in a state from which it can be " + verb + ".");
    }

    private static void start(Request request, XmlWriter out) {
        List<Instance> instances = instances(request);
        for (Instance i : instances) {
            switch (i.state()) {
                case STOPPED, PENDING, RUNNING -> {}
                default -> throw incorrectState(i, "started");
            }
            if (i.state() == InstanceState.STOPPED
                    && request.cloud()
                            .faults()
                            .noCapacity(
                                    i.config().instanceType(), i.config().zone().name())) {
                Zone zone = i.config().zone();
                throw Ec2Error.withStatus(
                        500,
                        "InsufficientInstanceCapacity",
                        "Insufficient capacity: we currently do not have "
                                + "sufficient " + i.config().instanceType()
                                + " capacity in the Availability Zone you requested ("
                                + zone.name() + "). Our system will be working on provisioning additional capacity.");
            }
        }
        Lifecycle lifecycle = request.cloud().lifecycle();
        write(out, apply(instances, i -> {
            if (i.state() == InstanceState.STOPPED) {
                lifecycle.start(i);
            }
        }));
    }

    private static void stop(Request request, XmlWriter out) {
        List<Instance> instances = instances(request);
        for (Instance i : instances) {
            if (i.isSpot() && !i.config().spot().stoppable()) {
                throw Ec2Error.of(
                        "UnsupportedOperation",
                        "You can't stop the Spot Instance '" + i.id()
                                + "' because it is associated with a one-time Spot Instance request. You can only stop Spot Instances "
                                + "associated with persistent Spot Instance requests.");
            }
            switch (i.state()) {
                case RUNNING, STOPPING, STOPPED -> {}
                default -> throw incorrectState(i, "stopped");
            }
        }
        Lifecycle lifecycle = request.cloud().lifecycle();
        write(out, apply(instances, i -> {
            if (i.state() == InstanceState.RUNNING) {
                lifecycle.stop(i);
            }
        }));
    }

    private static void terminate(Request request, XmlWriter out) {
        List<Instance> instances = instances(request);
        Lifecycle lifecycle = request.cloud().lifecycle();
        write(out, apply(instances, i -> {
            if (i.state() != InstanceState.TERMINATED && i.state() != InstanceState.SHUTTING_DOWN) {
                lifecycle.terminate(i);
            }
        }));
    }

    private static void reboot(Request request, XmlWriter out) {
        List<Instance> instances = instances(request);
        for (Instance i : instances) {
            if (i.state() != InstanceState.RUNNING) {
                throw incorrectState(i, "rebooted");
            }
        }
        instances.forEach(request.cloud().lifecycle()::reboot);
        out.leaf("return", true);
    }

    private static List<Change> apply(List<Instance> instances, java.util.function.Consumer<Instance> change) {
        List<Change> changes = new ArrayList<>();
        for (Instance i : instances) {
            InstanceState previous = i.state();
            change.accept(i);
            changes.add(new Change(i, previous));
        }
        return changes;
    }

    private static void write(XmlWriter out, List<Change> changes) {
        out.list("instancesSet", changes, (w, c) -> {
            w.leaf("instanceId", c.instance().id());
            Common.state(w, "currentState", c.instance().state());
            Common.state(w, "previousState", c.previous());
        });
    }
}
