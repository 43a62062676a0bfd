package org.thunderproject.ec2.internal.services;

import java.util.Optional;

/**
 * How one step went on one node.
 *
 * @param failure what failed, when something did
 */
record NodeOutcome(Optional<Failure> failure) {

    static NodeOutcome ok() {
        return new NodeOutcome(Optional.empty());
    }

    static NodeOutcome failed(String service, String script, String detail) {
        return new NodeOutcome(Optional.of(new Failure(service, script, detail)));
    }

    /**
     * A script that failed.
     *
     * @param service the service
     * @param script the script's name
     * @param detail how it ended and the end of its error output
     */
    record Failure(String service, String script, String detail) {}
}
