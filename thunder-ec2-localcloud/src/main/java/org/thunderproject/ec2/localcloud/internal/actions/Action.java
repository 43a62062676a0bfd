package org.thunderproject.ec2.localcloud.internal.actions;

import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;

/** One EC2 action: reads the request, changes the model, writes the response body. */
@FunctionalInterface
public interface Action {

    /** Handles {@code request}, writing the elements inside {@code <XxxResponse>} after requestId. */
    void handle(Request request, XmlWriter out);
}
