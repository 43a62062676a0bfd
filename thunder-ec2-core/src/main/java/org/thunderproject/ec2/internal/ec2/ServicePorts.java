package org.thunderproject.ec2.internal.ec2;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.NodeRole;
import org.thunderproject.ec2.Service;
import org.thunderproject.ec2.ServicePort;

/** Opens the ports services ask for to the authorized CIDRs, adding only missing rules. */
public final class ServicePorts {
    private static final Logger LOG = LoggerFactory.getLogger(ServicePorts.class);

    private ServicePorts() {}

    /** Adds to the cluster's groups the rules {@code services} need and {@code inventory} lacks. */
    public static void ensure(Ec2Gateway ec2, Inventory inventory, List<Service> services, List<String> cidrs) {
        if (cidrs.isEmpty()) {
            return; // no CIDR to open the ports to
        }
        for (NodeRole role : NodeRole.values()) {
            Optional<GroupRecord> group = role == NodeRole.MASTER ? inventory.masterGroup() : inventory.slavesGroup();
            if (group.isEmpty()) {
                continue;
            }
            Set<Rule> missing = new LinkedHashSet<>();
            for (Service service : services) {
                for (ServicePort port : service.ports()) {
                    if (port.role() == role) {
                        cidrs.forEach(cidr -> missing.add(Rule.tcpFromCidr(port.fromPort(), port.toPort(), cidr)));
                    }
                }
            }
            missing.removeAll(group.get().ingress());
            if (!missing.isEmpty()) {
                LOG.debug(
                        "opening {} service port rule(s) on {}",
                        missing.size(),
                        group.get().name());
                ec2.authorize(group.get().id(), missing);
            }
        }
    }
}
