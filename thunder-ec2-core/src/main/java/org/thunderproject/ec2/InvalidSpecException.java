package org.thunderproject.ec2;

/** A {@link ClusterSpec} value breaks a rule; thrown by {@code build()}, before anything touches AWS. */
public final class InvalidSpecException extends ThunderEc2Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    /** The spec's {@code field} breaks {@code rule}. */
    public InvalidSpecException(String field, String rule) {
        super("invalid " + field + ": " + rule);
        this.field = field;
    }

    /** The name of the offending field, as in {@link ClusterSpec.Builder}. */
    public String field() {
        return field;
    }
}
