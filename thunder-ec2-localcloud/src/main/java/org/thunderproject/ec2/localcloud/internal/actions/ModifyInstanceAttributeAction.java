package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.List;
import java.util.Optional;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Instance;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;

/**
 * ModifyInstanceAttribute for {@code instanceInitiatedShutdownBehavior}, given either as
 * {@code InstanceInitiatedShutdownBehavior.Value} (what the SDK sends) or as
 * {@code Attribute}/{@code Value}; EC2 allows it in any state but terminated. Other attributes
 * are refused with UnsupportedOperation, so a caller never believes a change that did not happen.
 */
final class ModifyInstanceAttributeAction {

    private static final String SHUTDOWN = "instanceInitiatedShutdownBehavior";

    private ModifyInstanceAttributeAction() {}

    static void register(ActionRegistry registry) {
        registry.locked("ModifyInstanceAttribute", ModifyInstanceAttributeAction::modify);
    }

    private static void modify(Request request, XmlWriter out) {
        QueryParams params = request.params();
        Instance instance = request.region()
                .instances(List.of(params.required("InstanceId")))
                .get(0);
        String behavior = shutdownBehavior(params);
        if (!behavior.equals("stop") && !behavior.equals("terminate")) {
            throw Ec2Error.invalidValue("Invalid value '" + behavior
                    + "' for instanceInitiatedShutdownBehavior. Valid values: stop, terminate");
        }
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.SHUTTING_DOWN) {
            throw Ec2Error.of(
                    "IncorrectInstanceState",
                    "The instance '" + instance.id()
                            + "' is not in a state from which its attributes can be modified.");
        }
        instance.shutdownBehavior(behavior);
        out.leaf("return", true);
    }

    private static String shutdownBehavior(QueryParams params) {
        Optional<String> direct = params.optional("InstanceInitiatedShutdownBehavior.Value");
        if (direct.isPresent()) {
            return direct.get();
        }
        Optional<String> attribute = params.optional("Attribute");
        if (attribute.isEmpty()) {
            throw Ec2Error.missing("InstanceInitiatedShutdownBehavior");
        }
        if (!attribute.get().equals(SHUTDOWN)) {
            throw Ec2Error.of(
                    "UnsupportedOperation",
                    "The local cloud modifies only " + SHUTDOWN + ", not " + attribute.get() + ".");
        }
        return params.required("Value");
    }
}
