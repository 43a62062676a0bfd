package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.InstanceState;
import org.thunderproject.ec2.localcloud.internal.model.Tags;

/** Request and response pieces shared by many actions. */
final class Common {

    private Common() {}

    /** {@code <tagSet>} of a resource. */
    static void tagSet(XmlWriter out, Tags tags) {
        out.list("tagSet", tags.asMap().entrySet(), (w, e) -> w.leaf("key", e.getKey())
                .leaf("value", e.getValue()));
    }

    /** The {@code Tag.N.Key}/{@code Tag.N.Value} list under {@code params}. */
    static Map<String, String> tags(QueryParams params, String listName) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams tag : params.structs(listName)) {
            String key = tag.string("Key");
            if (key == null) {
                throw Ec2Error.missing("Tag.N.Key");
            }
            if (tags.put(key, tag.optional("Value").orElse("")) != null) {
                throw Ec2Error.invalidValue("Duplicate tag key '" + key + "'");
            }
        }
        Tags.validate(tags);
        return tags;
    }

    /**
     * The {@code TagSpecification.N} list: tags by resource type, each type one of {@code allowed}.
     */
    static Map<String, Map<String, String>> tagSpecifications(QueryParams params, Set<String> allowed) {
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (QueryParams spec : params.structs("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!allowed.contains(type)) {
                throw Ec2Error.invalidValue("'" + type + "' is not a valid taggable resource type for this operation.");
            }
            Map<String, String> tags = tags(spec, "Tag");
            byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(tags);
            Tags.validate(byType.get(type));
        }
        return byType;
    }

    /** {@code <instanceState>}-shaped element. */
    static void state(XmlWriter out, String element, InstanceState state) {
        out.element(element, w -> w.leaf("code", state.code()).leaf("name", state.ec2Name()));
    }
}
