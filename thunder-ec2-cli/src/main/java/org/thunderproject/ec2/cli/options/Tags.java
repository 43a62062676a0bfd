package org.thunderproject.ec2.cli.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thunderproject.ec2.cli.UsageException;

/** spark-ec2's tag syntax {@code key:value,key2:value2}. */
public final class Tags {

    private Tags() {}

    /**
     * Parses each string as comma-separated {@code key:value} pairs (the value may contain ':').
     *
     * @param source what to name in the error message, such as the option
     * @throws UsageException for a pair without ':' or with an empty key
     */
    static Map<String, String> parse(String source, List<String> values) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String value : values) {
            for (String pair : value.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int colon = pair.indexOf(':');
                if (colon <= 0) {
                    throw new UsageException(source + ": '" + pair.trim() + "' is not KEY:VALUE;"
                            + " give tags like owner:me,project:spark");
                }
                tags.put(
                        pair.substring(0, colon).trim(),
                        pair.substring(colon + 1).trim());
            }
        }
        return tags;
    }
}
