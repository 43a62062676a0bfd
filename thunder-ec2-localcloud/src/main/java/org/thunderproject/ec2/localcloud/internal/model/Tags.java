package org.thunderproject.ec2.localcloud.internal.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of one resource, in insertion order, with EC2's limits. */
public final class Tags {

    /** EC2's limit of tags per resource. */
    public static final int MAX_TAGS = 50;

    private final Map<String, String> tags = new LinkedHashMap<>();

    /** A view of the tags. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(tags);
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return tags.get(key);
    }

    /** Sets all of {@code add} (validated together first), keeping the 50-tag limit. */
    public void putAll(Map<String, String> add) {
        validate(add);
        long newKeys = add.keySet().stream().filter(k -> !tags.containsKey(k)).count();
        if (tags.size() + newKeys > MAX_TAGS) {
            throw Ec2Error.of(
                    "TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS + ") per resource has been exceeded");
        }
        tags.putAll(add);
    }

    /** Removes {@code key}, only when its value is {@code value} (any value when null). */
    public void remove(String key, String value) {
        if (value == null || value.equals(tags.get(key))) {
            tags.remove(key);
        }
    }

    /** Removes every tag. */
    public void clear() {
        tags.clear();
    }

    /** Checks EC2's rules for tag keys and values. */
    public static void validate(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw Ec2Error.of(
                    "TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS + ") per resource has been exceeded");
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw Ec2Error.invalidValue("Tag key must not be empty");
            }
            if (key.length() > 128) {
                throw Ec2Error.invalidValue("Tag key exceeds the maximum length of 128 characters: " + key);
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw Ec2Error.invalidValue("Tag keys starting with 'aws:' are reserved for internal use: " + key);
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (value.length() > 256) {
                throw Ec2Error.invalidValue("Tag value exceeds the maximum length of 256 characters for key " + key);
            }
        }
    }
}
