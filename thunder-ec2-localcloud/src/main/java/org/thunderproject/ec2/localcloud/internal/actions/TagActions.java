package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Taggable;

/** CreateTags, DeleteTags, DescribeTags. */
final class TagActions {

    private record TagEntry(long seq, String resourceId, String resourceType, String key, String value) {}

    private static final Filters<TagEntry> FILTERS = Filters.<TagEntry>of()
            .single("key", TagEntry::key)
            .single("value", TagEntry::value)
            .single("resource-id", TagEntry::resourceId)
            .single("resource-type", TagEntry::resourceType);

    private TagActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("CreateTags", TagActions::create);
        registry.locked("DeleteTags", TagActions::delete);
        registry.locked("DescribeTags", TagActions::describe);
    }

    private static List<Taggable> resources(Request request) {
        List<String> ids = request.params().strings("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Error.missing("ResourceId");
        }
        List<Taggable> resources = new ArrayList<>();
        for (String id : ids) {
            resources.add(request.region().taggable(id));
        }
        return resources;
    }

    private static void create(Request request, XmlWriter out) {
        List<Taggable> resources = resources(request);
        Map<String, String> tags = Common.tags(request.params(), "Tag");
        if (tags.isEmpty()) {
            throw Ec2Error.missing("Tag");
        }
        // Check every resource's limit before changing any.
        for (Taggable resource : resources) {
            long added = tags.keySet().stream()
                    .filter(k -> resource.tags().get(k) == null)
                    .count();
            if (resource.tags().asMap().size() + added
                    > org.thunderproject.ec2.localcloud.internal.model.Tags.MAX_TAGS) {
                throw Ec2Error.of(
                        "TagLimitExceeded",
                        "The maximum number of tags per resource has been exceeded for " + resource.resourceId());
            }
        }
        for (Taggable resource : resources) {
            resource.tags().putAll(tags);
        }
        out.leaf("return", true);
    }

    private static void delete(Request request, XmlWriter out) {
        List<Taggable> resources = resources(request);
        List<QueryParams> tags = request.params().structs("Tag");
        for (Taggable resource : resources) {
            if (tags.isEmpty()) {
                resource.tags().clear();
            }
            for (QueryParams tag : tags) {
                resource.tags().remove(tag.required("Key"), tag.string("Value"));
            }
        }
        out.leaf("return", true);
    }

    private static void describe(Request request, XmlWriter out) {
        Region region = request.region();
        List<TagEntry> entries = new ArrayList<>();
        for (Taggable resource : region.taggables()) {
            for (Map.Entry<String, String> tag : resource.tags().asMap().entrySet()) {
                entries.add(new TagEntry(
                        entries.size(), resource.resourceId(), resource.resourceType(), tag.getKey(), tag.getValue()));
            }
        }
        Predicate<TagEntry> filter = FILTERS.parse(request.params());
        List<TagEntry> matching = entries.stream().filter(filter).toList();
        Paging.Page<TagEntry> page = Paging.page(matching, TagEntry::seq, request.params(), 5);
        out.list("tagSet", page.items(), (w, t) -> w.leaf("resourceId", t.resourceId())
                .leaf("resourceType", t.resourceType())
                .leaf("key", t.key())
                .leaf("value", t.value()));
        out.leaf("nextToken", page.nextToken());
    }
}
